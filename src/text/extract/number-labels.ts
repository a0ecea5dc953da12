// What the phone and card readers share: the hit they return and the labels of numbers that are neither.

export interface NumberHit {
  kind: 'phone' | 'bank_card';
  canonical: string;
}

/** Labels of numbers that are not phone numbers: staff, order, student, postcode, a card's last digits. */
export const OTHER_NUMBER_LABELS = new RegExp(
  '(?:订单号?|运单号?|快递单?号?|物流单?号?|工号|编号|单号|学号|序号|房号|房间|车号|批号|型号|期号|代码|编码|邮编|' +
    '尾号|后四位|后五位|股票|证券|代号|排名|考号|准考证|商品|id)[ :是为]{0,3}$',
  'i',
);
