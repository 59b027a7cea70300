// See https://svelte.dev/docs/kit/types#app.d.ts
import type { User } from '$lib/server/auth/auth-store';

declare global {
	namespace App {
		interface Locals {
			/** The signed-in user (set by hooks.server.ts), null on public pages when signed out. */
			user: User | null;
		}
	}
}

export {};
