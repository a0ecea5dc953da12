import { useSyncExternalStore } from 'react';

/** Chinese first; English for visitors. The choice is remembered in localStorage. */
const EN: Record<string, string> = {
  反诈: 'Fanzha',
  查一查: 'Check',
  防骗知识: 'Scam types',
  我要举报: 'Report fraud',
  登录: 'Sign in',
  退出: 'Sign out',
  工作台: 'Console',
  '号码、网址、银行卡号或短信内容': 'A number, link, card number or message',
  查询: 'Check',
  '高风险：已核实涉诈，请立即停止联系，切勿转账': 'High risk: confirmed fraud. Stop all contact and do not pay.',
  '有风险：已有人举报，请提高警惕': 'At risk: reported by others. Be careful.',
  '暂无涉诈记录': 'No fraud record',
  '官方认证': 'Official',
  '暂无记录不代表安全：陌生人要求转账、屏幕共享、下载 App 时，请先拨打 96110 咨询。':
    'No record does not mean safe: if a stranger asks you to pay, share your screen or install an app, call 96110 first.',
  '疑似诈骗短信': 'Looks like a scam message',
  '未发现明显诈骗特征': 'No clear sign of a scam',
  '使用令牌登录': 'Sign in with a token',
  令牌: 'Token',
  '令牌无效或已吊销': 'Unknown or revoked token',
  用户名: 'Username',
  密码: 'Password',
  '用户名或密码错误，或账号已锁定': 'Wrong username or password, or the account is locked',
  '尝试过于频繁，请稍后再试': 'Too many attempts; try again in a minute',
  使用用户名和密码: 'Use username and password',
  预警墙: 'Warning wall',
  本站预警: 'Station queue',
  接警登记: 'Hotline report',
  止付指令: 'Stop-payment orders',
  实时: 'Live',
  连接中: 'Connecting',
  今日预警: 'Warnings today',
  已超时: 'Late',
  各区分布: 'By district',
  等级: 'Level',
  类型: 'Type',
  对象: 'Person',
  状态: 'Status',
  期限: 'Due',
  认领: 'Claim',
  已认领: 'Claimed',
  记录: 'Record',
  '短信劝阻': 'SMS sent',
  '电话劝阻': 'Phoned',
  '见面劝阻': 'Visited',
  结果: 'Outcome',
  已劝阻: 'Dissuaded',
  非诈骗: 'Not fraud',
  已被骗: 'Already lost',
  联系不上: 'Unreachable',
  拒绝: 'Refused',
  证据: 'Evidence',
  暂无: 'None',
  受害人: 'Victim',
  姓名: 'Name',
  身份证号: 'ID number',
  手机号: 'Phone',
  案发时间: 'When',
  经过: 'What happened',
  诈骗类型: 'Fraud type',
  建议类型: 'Suggested',
  损失转账: 'Loss transfers',
  付款账户: 'From account',
  收款账户: 'To account',
  '金额（元）': 'Amount (yuan)',
  时间: 'Time',
  添加一笔: 'Add a transfer',
  从经过中提取: 'Found in the narrative',
  添加: 'Add',
  涉诈线索: 'Indicators',
  '提交（Ctrl+Enter）': 'Submit (Ctrl+Enter)',
  已提交: 'Submitted',
  保存草稿: 'Save draft',
  银行: 'Bank',
  账户: 'Account',
  金额: 'Amount',
  已止付: 'Held',
  余额不足: 'Insufficient',
  已转出: 'Moved',
  拒绝执行: 'Rejected',
  '常见诈骗类型与识别要点': 'Common scams and their warning signs',
  '举报已收到，编号': 'Report received, number',
  联系电话: 'Contact phone',
  线索库: 'Indicators',
  举报来源: 'Sightings',
  理由: 'Reason',
  提交: 'Submit',
};

let lang: 'zh' | 'en' = (localStorage.getItem('fanzha.lang') as 'zh' | 'en' | null) ?? 'zh';
const listeners = new Set<() => void>();

export function setLang(next: 'zh' | 'en'): void {
  lang = next;
  localStorage.setItem('fanzha.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const l of listeners) l();
}

/** The current language; re-renders the caller when it changes. */
export function useLang(): 'zh' | 'en' {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => lang);
}

/** A Chinese string in the current language. */
export function t(zh: string): string {
  return lang === 'en' ? (EN[zh] ?? zh) : zh;
}
