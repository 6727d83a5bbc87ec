import type { SectionCtx } from '../lib/env';
import type { Row } from '../lib/report';

export async function benchPull(_ctx: SectionCtx): Promise<Row[]> {
  throw new Error('not written yet');
}
