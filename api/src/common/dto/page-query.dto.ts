import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class PageQuery {
  /** How many items to return, 1–100. @example 50 */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number from 1 to 100' })
  @Min(1, { message: 'must be a whole number from 1 to 100' })
  @Max(100, { message: 'must be a whole number from 1 to 100' })
  limit?: number;

  /** The `nextCursor` of the previous page; omit it for the first page. */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(200, { message: 'is not a cursor returned by this API' })
  cursor?: string;
}
