export class HealthResponse {
  /** @example ok */
  status: string;
}
