import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The stored answer to a write sent with an `Idempotency-Key`, for 24 hours.
 * Written by the interceptor with SQL of its own (one statement, in the
 * write's transaction); mapped here so the schema check knows the table.
 * Nothing in it can be read without the caller's `Idempotency-Key`: the row
 * is found by a digest of it, and the request and the answer's body are
 * sealed with a key derived from it and the server's secret.
 */
@Entity({ tableName: 'idempotency_record' })
export class IdempotencyRecord {
  /** HMAC of the caller and the `Idempotency-Key` under the server's secret. */
  @PrimaryKey({ type: 'text' })
  id: string;

  /** HMAC of method, path with query and body, under the key derived from the `Idempotency-Key`. */
  @Property({ type: 'text' })
  requestDigest: string;

  @Property({ type: 'smallint' })
  status: number;

  /** Null for an answer without a body (204). */
  @Property({ type: 'text', nullable: true })
  contentType: string | null;

  /** AES-256-GCM: nonce, tag, then the sealed body; null for an answer without one. */
  @Property({ type: 'bytea', nullable: true })
  body: Buffer | null;

  @Property({ type: 'timestamptz', length: 3 })
  @Index({ name: 'idempotency_record_expires_at_index' })
  expiresAt: Date;

  constructor(id: string, requestDigest: string, status: number, contentType: string | null, body: Buffer | null, expiresAt: Date) {
    this.id = id;
    this.requestDigest = requestDigest;
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.expiresAt = expiresAt;
  }
}
