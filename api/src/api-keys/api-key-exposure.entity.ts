import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
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

/**
 * Public reports (`POST /credentials/revoke`) from one client address in one
 * clock hour: in the database, so the limit holds for the client across every
 * instance; rows of past hours are deleted as new ones are counted.
 */
@Entity({ tableName: 'public_report_window' })
@Index({ name: 'public_report_window_hour_index', properties: ['hour'] })
export class PublicReportWindow {
  [PrimaryKeyProp]?: ['client', 'hour'];

  @PrimaryKey({ type: 'text' })
  client: string;

  @PrimaryKey({ type: 'timestamptz', length: 3 })
  hour: Date;

  @Property({ type: 'integer' })
  count: number;

  constructor(client: string, hour: Date, count: number) {
    this.client = client;
    this.hour = hour;
    this.count = count;
  }
}
