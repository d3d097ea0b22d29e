/**
 * Marks a plugin as not encapsulated, so its decorators and hooks reach the routes registered after it
 * (what `fastify-plugin` does, without the extra dependency).
 */
export function globalPlugin<T extends (...args: never[]) => unknown>(plugin: T): T {
  return Object.assign(plugin, { [Symbol.for('skip-override')]: true });
}
