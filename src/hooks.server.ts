// Opens the warehouse when the server starts, so the first page view does not pay for it.
import type { ServerInit } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';

export const init: ServerInit = async () => {
	try {
		await appContext();
	} catch (error) {
		console.error(`partnerscope: could not open the warehouse: ${error instanceof Error ? error.message : String(error)}`);
	}
};
