"""Medicare Code Editor edits in plain English, each classed error or warning.

Errors make the claim wrong as coded (Medicare returns it); warnings ask the
coder to look again (the claim may be reviewed). Edits that concern the
principal diagnosis are tied to it without asking the editor again.
"""

from __future__ import annotations

# name -> (level, message)
EDITS: dict[str, tuple[str, str]] = {
    "INVALID_CODE": ("error", "not a valid ICD-10 code for this discharge date"),
    "E_CODE_AS_PDX": ("error", "an external cause code cannot be the principal diagnosis"),
    "MANIFESTATION_AS_PDX": ("error", "a manifestation code cannot be the principal diagnosis; sequence the underlying condition first"),
    "UNACCEPTABLE_PDX": ("error", "not acceptable as the principal diagnosis of an inpatient stay"),
    "DUPLICATE_OF_PDX": ("error", "the same code is also the principal diagnosis"),
    "AGE_CONFLICT": ("error", "does not fit the patient's age (newborn, pediatric, maternity or adult code)"),
    "SEX_CONFLICT": ("error", "does not fit the patient's sex"),
    "INVALID_AGE": ("error", "the patient's age is not valid (0 to 124)"),
    "INVALID_SEX": ("error", "the patient's sex is not valid"),
    "INVALID_DISCHARGE_STATUS": ("error", "the discharge disposition is not a valid code"),
    "INVALID_ADMIT_DX": ("error", "not valid as the admitting diagnosis"),
    "INVALID_POA": ("error", "the POA indicator is not valid for this code"),
    "REQUIRES_SDX": ("error", "this principal diagnosis needs a secondary diagnosis to describe the stay"),
    "WRONG_PROCEDURE_PERFORMED": ("error", "a wrong procedure or wrong site is reported"),
    "NON_COVERED": ("error", "Medicare does not cover this procedure"),
    "NONSPECIFIC_PDX": ("warning", "a nonspecific principal diagnosis; is a more specific code documented?"),
    "QUESTIONABLE_ADMISSION": ("warning", "this principal diagnosis rarely justifies an inpatient admission"),
    "QUESTIONABLE_OBSTETRIC_ADMISSION": ("warning", "an obstetric admission with this principal diagnosis is questionable"),
    "NONSPECIFIC_OR": ("warning", "a nonspecific operating-room procedure"),
    "OPEN_BIOPSY": ("warning", "an open biopsy: check whether a less invasive approach was used"),
    "BILATERAL": ("warning", "the same procedure is reported on both sides; check for a bilateral code"),
    "MEDICARE_IS_SECONDARY_PAYER": ("warning", "Medicare may be the secondary payer for this condition"),
    "INCONSISTENT_WITH_LENGTH_OF_STAY": ("warning", "not consistent with the length of stay"),
    "UNSPECIFIED": ("warning", "an unspecified code where the editor expects more detail"),
}
LIMITED_COVERAGE = ("warning", "Medicare covers this procedure only in limited circumstances")

# Edits that are always about the principal diagnosis.
PDX_EDITS = frozenset({"E_CODE_AS_PDX", "MANIFESTATION_AS_PDX", "UNACCEPTABLE_PDX", "NONSPECIFIC_PDX",
                       "QUESTIONABLE_ADMISSION", "QUESTIONABLE_OBSTETRIC_ADMISSION", "REQUIRES_SDX"})
# Edits about the patient, not about one code.
CLAIM_EDITS = frozenset({"INVALID_AGE", "INVALID_SEX", "INVALID_DISCHARGE_STATUS"})


def describe(name: str) -> tuple[str, str]:
    """(level, message) of an edit name as the editor reports it."""
    if name.startswith("LIMITED_COVERAGE"):
        return LIMITED_COVERAGE
    return EDITS.get(name, ("warning", name.replace("_", " ").lower()))


RETURN_CODES = {
    "INVALID_PDX": "the principal diagnosis is not a valid code for this grouper version (DRG 999, ungroupable)",
    "DX_CANNOT_BE_PDX": "the principal diagnosis cannot be the principal diagnosis of an inpatient stay (DRG 999, ungroupable); choose another principal diagnosis",
    "INVALID_PRINCIPAL_DIAGNOSIS": "the principal diagnosis is not acceptable as a discharge diagnosis (DRG 998)",
    "INVALID_SEX": "the patient's sex conflicts with a code that decides the DRG (DRG 999, ungroupable)",
    "INVALID_AGE": "the patient's age is not valid (DRG 999, ungroupable)",
    "INVALID_DISCHARGE_STATUS": "the discharge disposition is not valid (DRG 999, ungroupable)",
    "INVALID_DSTAT": "the discharge disposition is not valid (DRG 999, ungroupable)",
    "HAC_STATUS_INVALID_POA_N_OR_U": "a hospital-acquired condition has POA N or U together with other HAC criteria that cannot be resolved (DRG 999)",
    "HAC_STATUS_INVALID_MULT_HACS_POA_NOT_Y_W": "several hospital-acquired conditions without POA Y or W (DRG 999)",
    "HAC_STATUS_INVALID_POA_INVALID_OR_1": "a hospital-acquired condition code has a missing or exempt POA indicator (DRG 999)",
}


def explain_return_code(code: str) -> str:
    if code == "OK":
        return ""
    return RETURN_CODES.get(code, f"the grouper could not assign a DRG ({code.replace('_', ' ').lower()})")
