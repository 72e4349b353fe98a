import { Registry1763800000000 } from './1763800000000-registry';
import { SeasonsAndPledges1763800001000 } from './1763800001000-seasons-and-pledges';
import { MonthlyCycle1763800002000 } from './1763800002000-monthly-cycle';
import { DispatchAndSettlement1763800003000 } from './1763800003000-dispatch-and-settlement';
import { CyclePerformance1763800009000 } from './1763800009000-cycle-performance';
import { PledgePutFunction1763800009100 } from './1763800009100-pledge-put-function';
import { PledgeHotUpdates1763800009200 } from './1763800009200-pledge-hot-updates';
import { PledgePutOneCall1763800009300 } from './1763800009300-pledge-put-one-call';
import { PledgePutInline1763800009400 } from './1763800009400-pledge-put-inline';
import { CycleLastError1763800011000 } from './1763800011000-cycle-last-error';
import { SumsWithoutOverflow1763800012000 } from './1763800012000-sums-without-overflow';
import { UserLocaleAndNotificationPreferences1763800013000 } from './1763800013000-user-locale-and-notification-preferences';
import { Sessions1763800013100 } from './1763800013100-sessions';
import { Invitations1763800013200 } from './1763800013200-invitations';
import { PasswordResets1763800013300 } from './1763800013300-password-resets';
import { MembersWhoLeave1763800013400 } from './1763800013400-members-who-leave';
import { SeasonReminderDays1763800014000 } from './1763800014000-season-reminder-days';
import { CalendarFeeds1763800014100 } from './1763800014100-calendar-feeds';
import { PeopleNotifications1763800014200 } from './1763800014200-people-notifications';
import { BorderDocuments1763800015000 } from './1763800015000-border-documents';
import { PledgesOfMembersWhoLeft1763800016000 } from './1763800016000-pledges-of-members-who-left';
import { SessionChangeNotices1763800017000 } from './1763800017000-session-change-notices';
import { DemoSeedProgress1763800018000 } from './1763800018000-demo-seed-progress';
import { NotificationSharedFacts1763800019000 } from './1763800019000-notification-shared-facts';
import { ViolationFacts1763800020000 } from './1763800020000-violation-facts';
import { PeopleEvents1763800021000 } from './1763800021000-people-events';
import { PeopleEventFailures1763800022000 } from './1763800022000-people-event-failures';

/** Listed explicitly (not globbed) so the same list serves the built app, the CLI and the tests. */
export const migrations = [
  Registry1763800000000,
  SeasonsAndPledges1763800001000,
  MonthlyCycle1763800002000,
  DispatchAndSettlement1763800003000,
  CyclePerformance1763800009000,
  PledgePutFunction1763800009100,
  PledgeHotUpdates1763800009200,
  PledgePutOneCall1763800009300,
  PledgePutInline1763800009400,
  CycleLastError1763800011000,
  SumsWithoutOverflow1763800012000,
  UserLocaleAndNotificationPreferences1763800013000,
  Sessions1763800013100,
  Invitations1763800013200,
  PasswordResets1763800013300,
  MembersWhoLeave1763800013400,
  SeasonReminderDays1763800014000,
  CalendarFeeds1763800014100,
  PeopleNotifications1763800014200,
  BorderDocuments1763800015000,
  PledgesOfMembersWhoLeft1763800016000,
  SessionChangeNotices1763800017000,
  DemoSeedProgress1763800018000,
  NotificationSharedFacts1763800019000,
  ViolationFacts1763800020000,
  PeopleEvents1763800021000,
  PeopleEventFailures1763800022000,
];
