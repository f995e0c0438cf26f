// Every check, each named after the code it reports (one file per code).
import { acknowledgedDisagreement } from './acknowledgedDisagreement';
import { circularSupport } from './circularSupport';
import type { Check } from './context';
import { contradiction } from './contradiction';
import { duplicateId } from './duplicateId';
import { estimativeMismatch } from './estimativeMismatch';
import { inconsistentEstimate } from './inconsistentEstimate';
import { inconsistentSourceRating } from './inconsistentSourceRating';
import { invalidValue } from './invalidValue';
import { missingAttribute } from './missingAttribute';
import { missingConfidence } from './missingConfidence';
import { missingLikelihood } from './missingLikelihood';
import { mixedLikelihoodConfidence } from './mixedLikelihoodConfidence';
import { overconfident } from './overconfident';
import { pathOutsideWorkspace } from './pathOutsideWorkspace';
import { possibleContradiction } from './possibleContradiction';
import { quoteNotFound } from './quoteNotFound';
import { revisedEstimate } from './revisedEstimate';
import { sourceFileMissing } from './sourceFileMissing';
import { syntax } from './syntax';
import { unknownAttribute } from './unknownAttribute';
import { ungroundedClaim } from './ungroundedClaim';
import { unresolvedReference } from './unresolvedReference';
import { unsupportedClaim } from './unsupportedClaim';
import { unusedSource } from './unusedSource';
import { vagueEstimate } from './vagueEstimate';

export const CHECKS: readonly Check[] = [
  syntax,
  unknownAttribute,
  invalidValue,
  missingAttribute,
  duplicateId,
  unresolvedReference,
  unsupportedClaim,
  ungroundedClaim,
  circularSupport,
  missingLikelihood,
  missingConfidence,
  vagueEstimate,
  estimativeMismatch,
  mixedLikelihoodConfidence,
  overconfident,
  contradiction,
  inconsistentEstimate,
  acknowledgedDisagreement,
  revisedEstimate,
  possibleContradiction,
  inconsistentSourceRating,
  quoteNotFound,
  sourceFileMissing,
  pathOutsideWorkspace,
  unusedSource,
];
