/**
 * The field paths a mutation's policy names (`customerId`, `payment.paymentMethodId`,
 * `itemIds[]` for every element, `items[].id`), read and rewritten over plain JSON values.
 */

interface Step {
  key: string;
  many: boolean;
}

const stepsOf = (path: string): Step[] => path.split('.').map((s) => (s.endsWith('[]') ? { key: s.slice(0, -2), many: true } : { key: s, many: false }));

const fieldOf = (node: unknown, key: string): { found: boolean; value: unknown } =>
  typeof node === 'object' && node !== null && Object.prototype.hasOwnProperty.call(node, key)
    ? { found: true, value: (node as Record<string, unknown>)[key] }
    : { found: false, value: undefined };

/** Every value at `path`, in order (none when a field on the way is missing). */
export function valuesAt(root: unknown, path: string): unknown[] {
  let level: unknown[] = [root];
  for (const step of stepsOf(path)) {
    const next: unknown[] = [];
    for (const node of level) {
      const { found, value } = fieldOf(node, step.key);
      if (!found) continue;
      if (step.many) {
        if (Array.isArray(value)) next.push(...(value as unknown[]));
      } else next.push(value);
    }
    level = next;
  }
  return level;
}

/**
 * A copy of `root` with every value at `path` replaced by `replace(value)`. Only the objects on
 * the way are copied; missing fields stay missing.
 */
export async function mapAt(root: unknown, path: string, replace: (value: unknown) => unknown): Promise<unknown> {
  return mapSteps(root, stepsOf(path), replace);
}

async function mapSteps(node: unknown, steps: Step[], replace: (value: unknown) => unknown): Promise<unknown> {
  const [step, ...rest] = steps;
  if (!step) return replace(node);
  const { found, value } = fieldOf(node, step.key);
  if (!found) return node;
  let next: unknown;
  if (step.many) {
    if (!Array.isArray(value)) return node;
    next = [];
    for (const item of value as unknown[]) (next as unknown[]).push(await mapSteps(item, rest, replace));
  } else {
    next = await mapSteps(value, rest, replace);
  }
  return { ...(node as Record<string, unknown>), [step.key]: next };
}
