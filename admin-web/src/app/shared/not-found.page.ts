import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'app-not-found-page',
  imports: [MatButtonModule, RouterLink],
  template: `
    <section class="not-found">
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <a mat-flat-button routerLink="/">Go to the home page</a>
    </section>
  `,
  styles: `
    .not-found {
      max-width: 36rem;
      margin: 4rem auto;
      text-align: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
