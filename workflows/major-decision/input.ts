import type { TextRef } from '../../domain/documents/text-ref';
import type { DecisionScopeCategory } from '../../domain/decisions/scope';
import type { JurisdictionId } from '../../domain/jurisdictions';

/** A major administrative decision (重大行政决策) as the proposing unit submits it (POST /v1/major-decisions). */
export interface MajorDecisionInput {
  jurisdiction: JurisdictionId;
  title: string;
  proposingUnitId: string;
  proposerId: string;
  /** Its entry in the year's catalogue (目录); null only where the government added it first. */
  catalogueEntryId: string | null;
  scopeCategory: DecisionScopeCategory;
  /** The draft (决策草案) and its grounds (起草说明), published for comment. */
  draft?: string;
  /** The draft kept in the database (POST /v1/major-decisions stores it): its hash and count only (issue 11). */
  draftRef?: TextRef;
  grounds: string;
  /** Market actors affected: the fair-competition review runs (003:29, 000:51, 002:40). */
  marketActorsAffected: boolean;
  hearingPlanned: boolean;
  /** The law requires approval by the higher government or the people's congress (000:27, 004:12). */
  higherApprovalRequired: boolean;
  /** Report to the people's congress standing committee / consult the CPPCC where the rulebook leaves it to the matter. */
  reportToPeoplesCongress?: boolean;
  consultCppcc?: boolean;
  /** The report for the standing meeting (汇报材料) and its options, within the rulebook's caps. */
  materials: string;
  options: string[];
  /** The decision sets when its implementation is evaluated (000:28, decree713:35). */
  evaluationAfterMonths: number;
  justiceUnitId: string;
  marketRegulationUnitId: string;
  startedBy: string;
}
