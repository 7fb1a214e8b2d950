import { OrganizationResponse } from '../../organizations/dto/organization.dto';

export class ApiKeyIdentity {
  id: string;
  /** @example Production Integration */
  name: string;
  /** @example tptm_7Gq2…x9Fa */
  maskedKey: string;
}

export class WhoamiResponse {
  /** The organization the key acts for. */
  organization: OrganizationResponse;
  apiKey: ApiKeyIdentity;
}

export class PingResponse {
  /** @example ok */
  status: 'ok';
  /** The server's clock, to spot skew. */
  time: Date;
}
