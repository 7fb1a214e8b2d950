import { IsDisplayName } from '../../common/validators';

export class CreateOrganizationRequest {
  /** @example Acme Inc. */
  @IsDisplayName()
  name: string;
}

export class OrganizationResponse {
  id: string;
  /** @example Acme Inc. */
  name: string;
}
