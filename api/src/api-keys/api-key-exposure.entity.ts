import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { ApiKey } from './api-key.entity';

/**
 * A leak of a key acted on, once per url (a public report has the url ''):
 * a report sent again finds its row and acts on nothing more.
 */
@Entity({ tableName: 'api_key_exposure_report' })
export class ApiKeyExposureReport {
  [PrimaryKeyProp]?: ['apiKey', 'url'];

  @ManyToOne(() => ApiKey, { primary: true, deleteRule: 'cascade' })
  apiKey: ApiKey;

  @PrimaryKey({ type: 'text' })
  url: string;

  @Property({ type: 'timestamptz', length: 3, defaultRaw: 'now()' })
  reportedAt: Date;

  constructor(apiKey: ApiKey, url: string, reportedAt: Date) {
    this.apiKey = apiKey;
    this.url = url;
    this.reportedAt = reportedAt;
  }
}

/**
 * A reminder that a key expires soon, sent once for each expiry and lead
 * time: the instance whose insert wins sends it; a new expiry starts afresh.
 */
@Entity({ tableName: 'api_key_expiry_reminder' })
export class ApiKeyExpiryReminder {
  [PrimaryKeyProp]?: ['apiKey', 'expiresAt', 'daysBefore'];

  @ManyToOne(() => ApiKey, { primary: true, deleteRule: 'cascade' })
  apiKey: ApiKey;

  @PrimaryKey({ type: 'timestamptz', length: 3 })
  expiresAt: Date;

  @PrimaryKey({ type: 'integer' })
  daysBefore: number;

  @Property({ type: 'timestamptz', length: 3, defaultRaw: 'now()' })
  sentAt: Date;

  constructor(apiKey: ApiKey, expiresAt: Date, daysBefore: number, sentAt: Date) {
    this.apiKey = apiKey;
    this.expiresAt = expiresAt;
    this.daysBefore = daysBefore;
    this.sentAt = sentAt;
  }
}
