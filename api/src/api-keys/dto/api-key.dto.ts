import { IsDisplayName } from '../../common/validators';

export class UserRef {
  /** @example 3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a */
  id: string;
  /** @example "Ada Lovelace" */
  name: string;
  /** @example ada@example.com */
  email: string;
}

export class ApiKeyResponse {
  /** @example 0b7e5a6c-3f1d-4c2a-9e8b-5d4f3a2b1c0d */
  id: string;
  /** @example "Production Integration" */
  name: string;
  /** Enough to recognise the key, never enough to use it. @example tptm_7Gq2…x9Fa */
  maskedKey: string;
  /** @example 2026-01-15T09:30:00.000Z */
  createdAt: Date;
  /** Who created the key; null once that user's account is gone. */
  createdBy: UserRef | null;
  /** When the key last authenticated a request (to the minute); null if never. @example 2026-02-01T14:05:00.000Z */
  lastUsedAt: Date | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  /**
   * The full key. This response is the only time it is ever shown: store it
   * in a secrets manager now. @example tptm_7Gq2Kp9LmN3xR8vT1wY6zB4cD0eF5gH2jK7sQ9x9Fa
   */
  key: string;
}

export class ApiKeyPage {
  items: ApiKeyResponse[];
  /**
   * Pass as `cursor` to get the next page; null on the last page.
   * @example MjAyNi0wMS0xNVQwOTozMDowMC4wMDBafDBiN2U1YTZjLTNmMWQtNGMyYS05ZThiLTVkNGYzYTJiMWMwZA
   */
  nextCursor: string | null;
}

export class CreateApiKeyRequest {
  /** Unique within the organization, ignoring case. @example "Production Integration" */
  @IsDisplayName()
  name: string;
}
