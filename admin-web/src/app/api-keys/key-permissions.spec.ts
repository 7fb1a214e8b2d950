import { TestBed } from '@angular/core/testing';
import { Permission } from '@tptm/sdk';
import { fakeClient, FakeClient, provideFakeClient } from '../../testing/fake-client';
import { CATALOG } from '../../testing/permission-catalog';
import { KeyPermissions } from './key-permissions';

describe('KeyPermissions', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    client.permissions.listPermissions.mockResolvedValue({ items: CATALOG });
    TestBed.configureTestingModule({ providers: [provideFakeClient(client)] });
  });

  async function render(permissions: Permission[]) {
    const fixture = TestBed.createComponent(KeyPermissions);
    fixture.componentRef.setInput('permissions', permissions);
    fixture.componentRef.setInput('keyName', 'SIEM export');
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('says "Integration only" for a key without permissions', async () => {
    const element = await render([]);
    expect(element.textContent?.trim()).toBe('Integration only');
    expect(element.querySelector('ul')).toBeNull();
  });

  it("lists the permissions' display names in catalog order, as tags that are not buttons", async () => {
    const element = await render([Permission.AUDIT_READ, Permission.MEMBER_MANAGE]);
    const list = element.querySelector('ul.tags');
    expect(list?.getAttribute('aria-label')).toBe('Permissions of SIEM export');
    expect([...list!.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Member: Manage', 'Audit: Read']);
    expect(element.querySelector('button, a')).toBeNull();
  });

  it('reads the catalog once for every key shown', async () => {
    await render([Permission.AUDIT_READ]);
    await render([Permission.MEMBER_MANAGE]);
    expect(client.permissions.listPermissions).toHaveBeenCalledTimes(1);
  });
});
