export { FundsService, openFunds, fundsScope, bankOfAccount, proRata, type FundsOptions, type FundsScope } from './funds.service.js';
export { traceMoney, type LedgerReader, type LedgerTransfer, type Trace, type TraceEdge, type TraceNode, type TraceSeed } from './trace.js';
export * from './types.js';
