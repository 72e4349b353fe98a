import { notifySessionChanges } from './notify-session-changes';
import { putMemberPledges } from './put-member-pledges';

/** Every SQL function of the schema, with its current body. */
export const SQL_FUNCTIONS = [notifySessionChanges, putMemberPledges];
