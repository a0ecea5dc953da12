import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FanzhaError } from '../../domain/errors.js';
import { maskAccount, maskPhone } from '../../domain/mask.js';
import { fundsScope, ORDER_ANSWERS, ORDER_STATUSES, TOTAL_KEYS, type FundsScope, type StopPayOrder } from '../../funds/index.js';
import { actorOf, requirePermission, type AppContext } from '../context.js';

const idParams = z.object({ id: z.coerce.number().int().min(1) });
const reportParams = z.object({ reportId: z.coerce.number().int().min(1) });
const limit = z.coerce.number().int().min(1).max(1000).default(100);
const isoTime = z.string().max(64).refine((v) => !Number.isNaN(Date.parse(v)), { message: 'an ISO-8601 time' }).transform((v) => Date.parse(v));
const fen = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const account = z.string().trim().min(4).max(64);

const ordersQuery = z.object({ status: z.enum(ORDER_STATUSES).optional(), reportId: z.coerce.number().int().min(1).optional(), caseId: z.coerce.number().int().min(1).optional(), bank: z.string().max(64).optional(), limit });
const answerBody = z.object({ status: z.enum(ORDER_ANSWERS), heldFen: z.number().int().min(0).optional(), note: z.string().max(2000).optional() });
const manualBody = z.object({ account, amountFen: fen, reportId: z.number().int().min(1).optional(), caseId: z.number().int().min(1).optional(), note: z.string().max(2000).optional() });
const stopPayBody = z.object({
  reportId: z.number().int().min(1),
  caseId: z.number().int().min(1).nullable().default(null),
  victimPhone: z.string().max(32).nullable().default(null),
  losses: z.array(z.object({ fromAccount: account, toAccount: account, amountFen: fen, ts: isoTime, channel: z.string().max(32).default('other') })).min(1).max(200),
});
const traceQuery = z.object({ account, since: isoTime, amountFen: z.coerce.number().int().positive().optional() });
const traceReportQuery = z.object({ order: z.enum(['true', 'false']).optional().transform((v) => v === 'true') });
const freezeBody = z.object({ orderId: z.number().int().min(1), amountFen: fen, documentNo: z.string().trim().min(1).max(64), days: z.number().int().min(1).max(365).default(180) });
const totalsQuery = z.object({ by: z.enum(TOTAL_KEYS).default('day'), from: isoTime.optional(), to: isoTime.optional() });

/** Banks see the victim only masked (phone and own account): they hold the payee account, not the person. */
function orderToWire(o: StopPayOrder, scope: FundsScope): StopPayOrder {
  return scope.level === 'city' ? o : { ...o, victimPhone: o.victimPhone && maskPhone(o.victimPhone), payerAccount: o.payerAccount && maskAccount(o.payerAccount) };
}

/**
 * 止付挽损: stop-payment orders (the hotline and the centre order them, a bank sees and answers its own), money
 * traces, freezes, returns and the totals.
 */
export function fundsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const f = ctx.funds;
  const scopeOf = (request: FastifyRequest, permission: 'funds:order' | 'funds:orders' | 'funds:manage'): FundsScope => {
    const scope = fundsScope(requirePermission(request, permission));
    if (scope.level === 'none') throw new FanzhaError('FORBIDDEN', 'a bank token needs its bank as its scope (fanzha tokens create --scope "<bank name>")');
    return scope;
  };

  app.get('/api/v1/orders', async (request) => {
    const scope = scopeOf(request, 'funds:orders');
    const q = ordersQuery.parse(request.query);
    return { orders: (await f.orders(scope, q)).map((o) => orderToWire(o, scope)) };
  });

  app.get('/api/v1/orders/:id', async (request) => {
    const scope = scopeOf(request, 'funds:orders');
    const { id } = idParams.parse(request.params);
    return { order: orderToWire(await f.order(scope, id), scope) };
  });

  app.post('/api/v1/orders/:id/answer', async (request) => {
    const scope = scopeOf(request, 'funds:orders');
    const { id } = idParams.parse(request.params);
    const body = answerBody.parse(request.body);
    return { order: orderToWire(await f.answer(actorOf(request), scope, id, body), scope) };
  });

  app.post('/api/v1/orders', async (request, reply) => {
    scopeOf(request, 'funds:order');
    const order = await f.orderManually(actorOf(request), manualBody.parse(request.body));
    return reply.status(201).send({ order });
  });

  app.post('/api/v1/orders/stop-pay', async (request, reply) => {
    scopeOf(request, 'funds:order');
    const orders = await f.stopPayForReport(stopPayBody.parse(request.body), actorOf(request));
    return reply.status(201).send({ orders });
  });

  app.get('/api/v1/trace', async (request) => {
    scopeOf(request, 'funds:order');
    const q = traceQuery.parse(request.query);
    return { trace: await f.traceAccount(q.account, q.since, q.amountFen ?? null) };
  });

  app.get('/api/v1/trace/report/:reportId', async (request) => {
    scopeOf(request, 'funds:order');
    const { reportId } = reportParams.parse(request.params);
    const { order } = traceReportQuery.parse(request.query);
    const { orders, ...trace } = await f.traceReport(reportId, { order, actor: actorOf(request) });
    return { trace, orders };
  });

  app.get('/api/v1/freezes', async (request) => {
    scopeOf(request, 'funds:manage');
    const q = z.object({ caseId: z.coerce.number().int().min(1).optional(), limit }).parse(request.query);
    return { freezes: await f.freezes(q) };
  });

  app.post('/api/v1/freezes', async (request, reply) => {
    scopeOf(request, 'funds:manage');
    return reply.status(201).send({ freeze: await f.freeze(actorOf(request), freezeBody.parse(request.body)) });
  });

  app.post('/api/v1/freezes/:id/return', async (request, reply) => {
    scopeOf(request, 'funds:manage');
    const { id } = idParams.parse(request.params);
    return reply.status(201).send({ returns: (await f.returnFrozen(actorOf(request), id)) });
  });

  app.get('/api/v1/returns', async (request) => {
    scopeOf(request, 'funds:manage');
    const q = z.object({ freezeId: z.coerce.number().int().min(1).optional(), limit }).parse(request.query);
    return { returns: (await f.returns(q)) };
  });

  app.get('/api/v1/funds/totals', async (request) => {
    scopeOf(request, 'funds:manage');
    const q = totalsQuery.parse(request.query);
    return { by: q.by, totals: await f.totals(q.by, { from: q.from, to: q.to }) };
  });
}
