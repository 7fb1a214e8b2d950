import { dropTemplate } from '../support/database-template';

export default async function globalTeardown(): Promise<void> {
  await dropTemplate();
}
