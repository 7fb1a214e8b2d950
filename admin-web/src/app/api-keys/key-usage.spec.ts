import { TestBed } from '@angular/core/testing';
import { Permission } from '@tptm/sdk';
import { apiError, fakeClient, FakeClient, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { CurrentUser } from '../core/session/current-user';
import { KeyUsage } from './key-usage';

const KEY_ID = '6a1f6c38-0c7e-4a55-9d0b-111111111111';

describe('KeyUsage', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE]));
    TestBed.configureTestingModule({ providers: [provideFakeClient(client)] });
  });

  async function render() {
    await TestBed.inject(CurrentUser).ensureLoaded();
    const fixture = TestBed.createComponent(KeyUsage);
    fixture.componentRef.setInput('keyId', KEY_ID);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    return { element, text: () => element.textContent?.replace(/\s+/g, ' ').trim() ?? '', settle: () => fixture.whenStable() };
  }

  it("reads the key's last 30 days and draws them under their heading", async () => {
    client.apiKeys.getApiKeyUsage.mockResolvedValue({ days: [{ date: '2026-12-03', requests: 42 }] });
    const { element, text } = await render();
    expect(client.apiKeys.getApiKeyUsage).toHaveBeenCalledWith({ orgId: ORG.id, keyId: KEY_ID, days: 30 });
    expect(element.querySelector('h2')?.textContent).toBe('Requests, last 30 days');
    expect(element.querySelector('section')?.getAttribute('aria-labelledby')).toBe('usage-heading');
    expect(element.querySelector('app-usage-chart')).not.toBeNull();
    expect(text()).toContain('42 requests');
  });

  it('says when the counts could not be read, and tries again', async () => {
    client.apiKeys.getApiKeyUsage.mockRejectedValueOnce(apiError(500, 'The database is unavailable.'));
    const { element, text, settle } = await render();
    expect(text()).toContain("Could not load the key's requests");
    element.querySelector<HTMLButtonElement>('app-error-state button')!.click();
    await settle();
    expect(client.apiKeys.getApiKeyUsage).toHaveBeenCalledTimes(2);
    expect(element.querySelector('app-usage-chart')).not.toBeNull();
  });
});
