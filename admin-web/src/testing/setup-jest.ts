// First: it loads the Angular compiler that Material's partially compiled code needs.
import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';

// jsdom runs no CSS animations, so dialogs would wait for ones that never end.
setupZonelessTestEnv({ extraProviders: [{ provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }] });
