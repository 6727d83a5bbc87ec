/** Types for scripts/start.mjs (a plain ESM script, imported by its tests). */
export declare function electronBinary(dir?: string): string | null;
export declare function whyNoElectron(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, bin?: string | null, dir?: string): string | null;
