/**
 * What a non-admin may read of the delivery health: whether delivery works and their own waiting weeks, never
 * other people's addresses, names or errors (the send log and the full health are for admins).
 */
import type { DeliveryHealth } from './digest-service.ts';

export function healthForUser(health: DeliveryHealth, user: string, ownSubscriptions: number): DeliveryHealth {
	const failing = health.status === 'failing';
	return {
		...health,
		subscriptions: ownSubscriptions,
		lastFailure: null,
		waitingForData: health.waitingForData.filter((w) => w.user === user),
		message: failing
			? 'The last delivery failed; it is retried on the next schedule (an admin can read the send log).'
			: ownSubscriptions === 0
				? 'You have no digest subscriptions.'
				: `You have ${ownSubscriptions.toLocaleString('en-US')} digest subscription${ownSubscriptions === 1 ? '' : 's'}.`
	};
}
