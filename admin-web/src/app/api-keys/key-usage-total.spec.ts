import { TestBed } from '@angular/core/testing';
import { Permission } from '@tptm/sdk';
import { apiError, fakeClient, FakeClient, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { CurrentUser } from '../core/session/current-user';
import { DATE_LOCALE } from '../shared/local-date.pipe';
import { KeyUsageTotal } from './key-usage-total';

const KEY_ID = '6a1f6c38-0c7e-4a55-9d0b-111111111111';

describe('KeyUsageTotal', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE]));
    TestBed.configureTestingModule({ providers: [provideFakeClient(client), { provide: DATE_LOCALE, useValue: 'en-US' }] });
  });

  async function render() {
    await TestBed.inject(CurrentUser).ensureLoaded();
    const fixture = TestBed.createComponent(KeyUsageTotal);
    fixture.componentRef.setInput('keyId', KEY_ID);
    await fixture.whenStable();
    return (fixture.nativeElement as HTMLElement).textContent?.trim();
  }

  it("adds up the key's last 30 days", async () => {
    client.apiKeys.getApiKeyUsage.mockResolvedValue({
      days: [
        { date: '2026-12-02', requests: 1000 },
        { date: '2026-12-03', requests: 234 },
      ],
    });
    expect(await render()).toBe('1,234');
    expect(client.apiKeys.getApiKeyUsage).toHaveBeenCalledWith({ orgId: ORG.id, keyId: KEY_ID, days: 30 });
  });

  it('shows a dash when the counts could not be read', async () => {
    client.apiKeys.getApiKeyUsage.mockRejectedValue(apiError(500, 'The database is unavailable.'));
    expect(await render()).toBe('—');
  });
});
