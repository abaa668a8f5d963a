import type { Cited } from '../citation';
import type { DecisionRules } from '../decisions/rules';
import type { DocumentRules } from '../documents/rules';
import type { JurisdictionId } from '../jurisdictions';
import type { MeetingRules } from '../meetings/rules';
import type { Limit } from '../limit';
import type { RequestRules } from '../requests/rules';
import type { LeaveApprover } from '../leave/leave-approval';

/**
 * One jurisdiction's rules as data. Every value carries its source. `null` means the
 * jurisdiction's text sets no such rule (and no national rule fills it): the process must then be
 * given an explicit value (e.g. a ticket's `dueAt`), never an invented one.
 * Later issues add sections (documents, meetings, decisions); add fields, never rename them.
 */
export interface Rulebook {
  id: JurisdictionId;
  name: string; // 济南市市中区人民政府工作规则
  seed: string; // '000'
  level: 'district' | 'city';
  /** Supervision tickets (督查督办), domain.md D. */
  supervision: {
    /** The "710" rule (001:63): ordinary 7 days, complex 1 month, annual by year end. */
    ordinaryLimit: Cited<Limit> | null;
    complexLimit: Cited<Limit> | null;
    annualLimit: Cited<Limit> | null;
    /** Criticism-and-interview note (批评约谈单) for a unit that lags. */
    criticismNote: Cited<boolean>;
    /** The supervision office refers a unit that ignores or bends orders to discipline inspection (移交纪检监察机关追责问责). */
    disciplineReferral: Cited<boolean>;
    /** Praise note (经验表扬单) for good work. */
    praiseNote: Cited<boolean>;
    /** Look-back after closure (回头看). */
    lookBack: Cited<boolean>;
    /** The ledger of supervised matters and their close-out (台账, 销号): the jurisdiction's own article. */
    closeOut: Cited<boolean>;
    /** Progress reported to the leaders while a matter runs (定期将落实情况向领导报告): the jurisdiction's own article. */
    progressReports: Cited<boolean>;
    /** Re-check of a finding the unit objects to (政府督查工作条例 Art. 17): 30 days. */
    objectionRecheckLimit: Cited<Limit>;
    /** ...extendable once by 30 days. */
    objectionRecheckExtension: Cited<Limit>;
  };
  /** Leave and stand-ins, domain.md E. */
  leave: {
    /** Days ahead a department head reports leave (001:71: 2, 003:77: 3); null where the text is silent. */
    noticeDaysAhead: Cited<number> | null;
    /** Whether pending approvals of an absent leader pass to the AB partner / stand-in (000:7, 003:9, 004:6). */
    standInTakesOverTasks: Cited<boolean>;
    /** An invitation to a leader reaches the office this long before the event (000:78: 3 working days, 003:86: 5); null where silent. */
    invitationLeadTime: Cited<Limit> | null;
    /** AB partners are not away at the same time (原则上不同时安排外出、休假, 000:7, 002:7): a second absence needs the chief's consent. */
    partnersNotAwayTogether: Cited<boolean>;
    /**
     * While the chief is away, the executive vice chief acts (区长外出、休假期间…主持区政府工作 / 代行准假权):
     * the chief's tasks go to them on the chief's behalf (000:7, 001:8, 002:6, 003:7).
     */
    chiefAwayActing: Cited<boolean>;
    /**
     * When an absent vice chief's stand-in is away too, the task goes up to the chief, who leads the
     * government's whole work (区长负责制, 000:7); never to a person known to be absent.
     */
    standInAwayGoesToChief: Cited<boolean>;
    /** A department head's leave report names who runs the unit meanwhile (代为主持工作的人员, 003:77): refused without. */
    actingPersonNamed: Cited<boolean>;
    /** A trip longer than this many days comes with its notice, plan and schedule (外出时间超过3天的…附日程安排, 003:77); null where silent. */
    scheduleBeyondDays: Cited<number> | null;
    /** An urgent trip is reported as it starts, with the reason in writing, instead of days ahead (003:77). */
    urgentTripReportedAtOnce: Cited<boolean>;
    /** The person reports back on return (销假), and the absence ends then (000:91, 001:71, 002:73, 003:77). */
    reportBack: Cited<boolean>;
    /**
     * Who approves a department head's absence, in order, before they may leave (001:71: 事先征得分管领导同意…
     * 由政府办公室向区长报告,经批准后方可离开 — the vice chief in charge, then the chief; 002:73: 经区长同意);
     * null where the government's rules ask no approval (000:91 leaves it to the party committee's rules, 003:77 asks a report).
     */
    departmentHeadApproval: Cited<readonly LeaveApprover[] | null>;
  };
  /** Official documents (公文), domain.md B. */
  documents: DocumentRules;
  /** Incoming requests for instructions (请示), domain.md B2. */
  requests: RequestRules;
  /** Standing meetings and agenda items, domain.md A. */
  meetings: MeetingRules;
  /** Major administrative decisions (重大行政决策), domain.md C; Decree 713 where the text is silent. */
  decisions: DecisionRules;
}
