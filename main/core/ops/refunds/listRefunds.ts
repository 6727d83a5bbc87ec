import { operation } from '../operation';
import { listRefundRequests } from './refundRows';

export const listRefunds = operation('refunds.list', async (ctx, input) => listRefundRequests(ctx.engine.sql, input.state, input.limit));
