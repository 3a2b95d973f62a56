export declare const MIN_LENGTH: number
export declare function sessionSecretProblem(env: Record<string, string | undefined>): string | undefined
