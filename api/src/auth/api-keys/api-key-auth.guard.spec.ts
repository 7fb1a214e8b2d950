import { Strategy } from 'passport-strategy';
import { runStrategy } from './api-key-auth.guard';

class Scripted extends Strategy {
  constructor(private readonly script: (self: Strategy) => void) {
    super();
  }
  override authenticate(): void {
    this.script(this);
  }
}

const principal = { kind: 'apiKey', apiKeyId: 'k', name: 'n', maskedKey: 'm', organization: { id: 'o', name: 'O' } } as const;

describe('runStrategy', () => {
  it('returns synchronously when the strategy settles synchronously', () => {
    expect(runStrategy(new Scripted((s) => s.success(principal)), {})).toBe(principal);
    expect(runStrategy(new Scripted((s) => s.fail(401)), {})).toBe(false);
    expect(() => runStrategy(new Scripted((s) => s.error(new Error('db down'))), {})).toThrow('db down');
  });

  it('returns a promise when the strategy settles later', async () => {
    const later = runStrategy(new Scripted((s) => setTimeout(() => s.success(principal), 1)), {});
    expect(later).toBeInstanceOf(Promise);
    await expect(later).resolves.toBe(principal);
    await expect(runStrategy(new Scripted((s) => setTimeout(() => s.error(new Error('late')), 1)), {})).rejects.toThrow('late');
  });

  it('keeps the first outcome and leaves the shared strategy untouched', async () => {
    const strategy = new Scripted((s) => {
      s.fail(401);
      s.success(principal);
    });
    expect(runStrategy(strategy, {})).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(strategy, 'success')).toBe(false);
  });
});
