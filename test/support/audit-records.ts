import type { UnchainedRecord } from '../../src/audit/chain.js';

/** The n-th of a run of plain audit records (an analyst reading person Pn), for chain tests. */
export const auditEntry = (n: number): UnchainedRecord => ({
  at: `2026-12-06T00:00:${String(n).padStart(2, '0')}.000Z`,
  requestId: `r${n}`,
  principal: 'key:1',
  principalName: 'analyst',
  role: 'analyst',
  method: 'GET',
  route: '/v1/entities/:type/:id',
  parameters: '{}',
  justification: null,
  investigations: ['OP-1'],
  entities: [`person:P${n}`],
  status: 200,
  resultBytes: 100 + n,
  changes: null,
});
