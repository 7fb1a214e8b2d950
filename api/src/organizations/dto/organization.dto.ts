import { IsDisplayName } from '../../common/validators';

export class CreateOrganizationRequest {
  /** @example "Acme Inc." */
  @IsDisplayName()
  name: string;
}

export class OrganizationResponse {
  /** @example 6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f */
  id: string;
  /** @example "Acme Inc." */
  name: string;
}
