import { IsDisplayName } from '../../common/validators';

export class UserRef {
  id: string;
  /** @example Ada Lovelace */
  name: string;
  /** @example ada@example.com */
  email: string;
}

export class ApiKeyResponse {
  id: string;
  /** @example Production Integration */
  name: string;
  /** Enough to recognise the key, never enough to use it. @example tptm_7Gq2…x9Fa */
  maskedKey: string;
  createdAt: Date;
  /** Who created the key; null once that user's account is gone. */
  createdBy: UserRef | null;
  /** When the key last authenticated a request (to the minute); null if never. */
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
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export class CreateApiKeyRequest {
  /** Unique within the organization, ignoring case. @example Production Integration */
  @IsDisplayName()
  name: string;
}
