export declare const repoRoot: string;
export declare function pinnedMediasoupVersion(): string;
export declare function workerCacheDir(version?: string): string;
export declare function locateWorkerBin(): string | undefined;
