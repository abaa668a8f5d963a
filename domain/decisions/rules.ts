import type { Cited } from '../citation';
import type { Limit } from '../limit';

/**
 * Major administrative decisions (重大行政决策), domain.md C, as one jurisdiction's rulebook
 * states them; Decree 713 (national.ts) fills what the local text leaves out. `null`: neither
 * the local text nor the decree sets the step, so the process does not run it unless the
 * decision itself asks for it (e.g. a report the law requires elsewhere).
 */
export interface DecisionRules {
  /** Decisions are managed in a yearly catalogue (目录) approved with the party committee and published (002:18, 003:27, decree713:4). */
  catalogue: Cited<boolean>;
  /** The party committee agrees to the catalogue (and to each adjustment) before it is published (decree713:4, 002:18). */
  catalogueAgreedByPartyCommittee: Cited<true>;
  /** The catalogue, and each adjustment, is published (向社会公开, decree713:4, 002:18). */
  cataloguePublication: Cited<true>;
  /** The government agrees to start the procedure on a unit's proposal (000:21). */
  initiation: Cited<true>;
  /** Public participation: draft and grounds published for comment (000:22, 004:21). */
  publicParticipation: Cited<true>;
  /** At least this long for comments; shorter only with a reason stated when published (decree713:15). */
  commentMinimum: Cited<Limit & { unit: 'days' }>;
  /** Hearing materials reach the participants this long before the hearing (decree713:16). */
  hearingMaterialsLeadTime: Cited<Limit & { unit: 'days' }>;
  /** Expert review of necessity, feasibility, soundness (000:23, decree713:19–21). */
  expertReview: Cited<true>;
  /** Risk assessment: social stability, environment, economy; high risk → adjust (000:24, decree713:22–24). */
  riskAssessment: Cited<true>;
  /** 003:29: also a public-opinion assessment (舆情评估研判) with a response plan. */
  publicOpinionAssessment: Cited<boolean>;
  /** Fair-competition review by the market-regulation bureau where market actors are affected (003:29, 000:51, 002:40); null where the text is silent. */
  fairCompetitionReview: Cited<true> | null;
  /** Legality review by the justice bureau before collective discussion; not reviewed or unlawful → never to the meeting (000:25, 001:25, decree713:25). */
  legalityReview: Cited<true>;
  /** The reviewer is given at least this many working days before the meeting (decree713:26). */
  legalityReviewMinimum: Cited<Limit & { unit: 'workingDays' }>;
  /** Reported to the party committee before deciding (002:20, 003:31, 001:25); null where the text is silent. */
  partyCommitteeReport: Cited<true> | null;
  /** Reported to the people's congress standing committee: always (true) or only where the law requires it (false). */
  peoplesCongressReport: Cited<boolean>;
  /** The CPPCC is informed and consulted (003:31): always (true) or where the matter requires it (false). */
  cppccConsultation: Cited<boolean>;
  /** Decided collectively at the standing meeting or plenary (000:26, decree713:30). */
  collectiveDecision: Cited<true>;
  /** Members speak, the chief speaks last and decides; against the majority only with a recorded reason (decree713:30). */
  chiefSpeaksLast: Cited<true>;
  /** Higher approval where the law requires it (000:27, 004:12). */
  higherApproval: Cited<true>;
  /** The decision is published (000:28, decree713:32). */
  publication: Cited<true>;
  /** Implementation tracked and evaluated, adjusted when needed (000:28, 002:21, 003:32, decree713:35–37). */
  evaluation: Cited<true>;
  /** The chief may suspend the decision in an emergency (decree713:38). */
  suspension: Cited<true>;
  /** The whole decision file is archived (decree713:33). */
  archive: Cited<true>;
}
