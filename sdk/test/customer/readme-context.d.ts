// What the README's TypeScript examples use without defining: pack.spec.ts
// compiles each example as a module of the customer project, beside this.
declare const createTptmClient: typeof import('@tptm/sdk').createTptmClient;
declare const admin: import('@tptm/sdk').TptmClient;
declare const tptm: import('@tptm/sdk').TptmClient;
declare const baseUrl: string;
declare const apiKey: string;
declare const password: string;
declare const orgId: string;
declare const keyId: string;
declare const name: string;
declare const session: { token: string | undefined };
declare function showBesideInputs(errors: Record<string, string>): void;
declare function showMessage(message: string | undefined): void;
