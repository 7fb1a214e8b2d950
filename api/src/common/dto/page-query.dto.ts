import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../pagination';
import { QueryInteger } from '../validators';

const LIMIT_MESSAGE = `must be a whole number from 1 to ${MAX_PAGE_SIZE}`;

export class PageQuery {
  /** How many items to return, 1–100. @example 50 */
  @IsOptional()
  @QueryInteger()
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(MAX_PAGE_SIZE, { message: LIMIT_MESSAGE })
  limit?: number;

  /** The `nextCursor` of the previous page; omit it for the first page. */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(200, { message: 'is not a cursor returned by this API' })
  cursor?: string;
}
