/**
 * The few globals shared/ may use beyond ES2023: ones that Node (≥ 20) and the browser both
 * have. shared/'s tsconfig has neither lib.dom.d.ts nor @types/node, so each is declared here by
 * hand, with only the members we use (as VS Code's src/typings/ does for its `common` layer).
 * Only shared/tsconfig.json includes this file; the other layers get the same names from their
 * own runtime's types.
 */
interface CommonCrypto {
  getRandomValues<T extends Uint8Array | Uint16Array | Uint32Array>(array: T): T;
}

declare const crypto: CommonCrypto;
