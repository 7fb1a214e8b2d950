import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ChangeDetectionStrategy, Component, Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog, MatDialogRef } from '@angular/material/dialog';

@Component({ selector: 'app-test-host', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class TestHost {}

export interface OpenedDialog<R> {
  ref: MatDialogRef<unknown, R>;
  fixture: ComponentFixture<TestHost>;
  /** Harnesses anywhere in the document, where the dialog's overlay lives. */
  loader: HarnessLoader;
  /** The dialog's result once it closes. */
  closed: Promise<R | undefined>;
  settle(): Promise<void>;
}

/** Opens a dialog the way the pages do, through MatDialog, in a real overlay. */
export async function openDialog<R>(component: Type<unknown>, data: unknown): Promise<OpenedDialog<R>> {
  const fixture = TestBed.createComponent(TestHost);
  const ref = TestBed.inject(MatDialog).open<unknown, unknown, R>(component, { data });
  const closed = new Promise<R | undefined>((resolve) => ref.afterClosed().subscribe(resolve));
  const settle = () => fixture.whenStable();
  await settle();
  return { ref, fixture, loader: TestbedHarnessEnvironment.documentRootLoader(fixture), closed, settle };
}

/** The dialog's visible text, whitespace collapsed. */
export function dialogText(): string {
  return (document.querySelector('mat-dialog-container')?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
