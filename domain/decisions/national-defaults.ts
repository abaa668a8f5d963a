import { cited } from '../citation';
import { NATIONAL_DECISIONS as N } from '../rulebooks/national';
import type { DecisionRules } from './rules';

/**
 * Decree 713 where a local work rule is silent: each rulebook spreads these and puts its own
 * articles over them. `seed` names the jurisdiction whose text is silent (`none:000`).
 */
export function decree713Defaults(seed: string): DecisionRules {
  return {
    catalogue: N.catalogue,
    catalogueAgreedByPartyCommittee: cited<true>(true, N.catalogue.source),
    cataloguePublication: cited<true>(true, N.catalogue.source),
    initiation: N.procedure,
    publicParticipation: cited<true>(true, N.publicCommentMinimum.source),
    commentMinimum: N.publicCommentMinimum,
    hearingMaterialsLeadTime: N.hearingMaterialsLeadTime,
    expertReview: N.expertReview,
    riskAssessment: N.riskAssessment,
    publicOpinionAssessment: cited(false, `none:${seed}`),
    fairCompetitionReview: null,
    legalityReview: N.legalityReview,
    legalityReviewMinimum: N.legalityReviewMinimum,
    partyCommitteeReport: null,
    peoplesCongressReport: cited(false, `none:${seed}`),
    cppccConsultation: cited(false, `none:${seed}`),
    collectiveDecision: N.collectiveDecision,
    chiefSpeaksLast: N.collectiveDecision,
    // Higher approval applies only where another law requires it; no work rule text of this seed names it.
    higherApproval: cited<true>(true, 'policy:higher-approval-where-law-requires'),
    publication: N.publication,
    evaluation: N.evaluation,
    suspension: N.suspension,
    archive: N.archive,
  };
}
