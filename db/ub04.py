"""UB-04 code sets used on the abstract (NUBC): admission type (FL14), point of
origin (FL15) and patient discharge status (FL17), with their names."""

from __future__ import annotations

ADMISSION_TYPES = {
    "1": "Emergency",
    "2": "Urgent",
    "3": "Elective",
    "4": "Newborn",
    "5": "Trauma",
    "9": "Information not available",
}

POINTS_OF_ORIGIN = {
    "1": "Non-health care facility point of origin",
    "2": "Clinic or physician's office",
    "4": "Transfer from a hospital (different facility)",
    "5": "Transfer from a skilled nursing facility, intermediate care or assisted living",
    "6": "Transfer from another health care facility",
    "8": "Court/law enforcement",
    "9": "Information not available",
    "D": "Transfer from one distinct unit of the hospital to another, separate claim",
    "E": "Transfer from ambulatory surgery center",
    "F": "Transfer from a hospice facility",
    "G": "Transfer from a designated disaster alternate care site",
}

# FL15 for a newborn (admission type 4): codes 5 and 6 mean where the baby was born
NEWBORN_POINTS_OF_ORIGIN = {
    "5": "Born inside this hospital",
    "6": "Born outside of this hospital",
}

DISCHARGE_DISPOSITIONS = {
    "01": "Discharged to home or self care (routine discharge)",
    "02": "Discharged/transferred to a short-term general hospital for inpatient care",
    "03": "Discharged/transferred to a skilled nursing facility (SNF) with Medicare certification",
    "04": "Discharged/transferred to a facility that provides custodial or supportive care",
    "05": "Discharged/transferred to a designated cancer center or children's hospital",
    "06": "Discharged/transferred to home under care of an organized home health service organization",
    "07": "Left against medical advice or discontinued care",
    "09": "Admitted as an inpatient to this hospital",
    "20": "Expired",
    "21": "Discharged/transferred to court/law enforcement",
    "30": "Still patient",
    "40": "Expired at home (hospice claims only)",
    "41": "Expired in a medical facility (hospice claims only)",
    "42": "Expired, place unknown (hospice claims only)",
    "43": "Discharged/transferred to a federal health care facility",
    "50": "Discharged to hospice - home",
    "51": "Discharged to hospice - medical facility (certified) providing hospice level of care",
    "61": "Discharged/transferred to a hospital-based Medicare approved swing bed",
    "62": "Discharged/transferred to an inpatient rehabilitation facility (IRF)",
    "63": "Discharged/transferred to a Medicare certified long term care hospital (LTCH)",
    "64": "Discharged/transferred to a nursing facility certified under Medicaid but not Medicare",
    "65": "Discharged/transferred to a psychiatric hospital or psychiatric distinct part unit",
    "66": "Discharged/transferred to a critical access hospital (CAH)",
    "69": "Discharged/transferred to a designated disaster alternative care site",
    "70": "Discharged/transferred to another type of health care institution not defined elsewhere",
    "81": "Discharged to home or self care with a planned acute care hospital inpatient readmission",
    "82": "Discharged/transferred to a short term general hospital with a planned readmission",
    "83": "Discharged/transferred to a SNF with Medicare certification with a planned readmission",
    "84": "Discharged/transferred to a custodial or supportive care facility with a planned readmission",
    "85": "Discharged/transferred to a cancer center or children's hospital with a planned readmission",
    "86": "Discharged/transferred to home health with a planned readmission",
    "87": "Discharged/transferred to court/law enforcement with a planned readmission",
    "88": "Discharged/transferred to a federal health care facility with a planned readmission",
    "89": "Discharged/transferred to a swing bed with a planned readmission",
    "90": "Discharged/transferred to an IRF with a planned readmission",
    "91": "Discharged/transferred to an LTCH with a planned readmission",
    "92": "Discharged/transferred to a Medicaid-only nursing facility with a planned readmission",
    "93": "Discharged/transferred to a psychiatric hospital or unit with a planned readmission",
    "94": "Discharged/transferred to a CAH with a planned readmission",
    "95": "Discharged/transferred to another type of institution with a planned readmission",
}

# IPPS transfer policy (42 CFR 412.4). A transfer to another acute hospital is paid
# per diem whatever the DRG; a transfer to post-acute care only when the DRG is on
# the post-acute transfer list (Table 5's post-acute flag). Each with its
# planned-readmission form (02 -> 82 ...).
ACUTE_TRANSFERS = frozenset({"02", "66", "82", "94"})
POST_ACUTE_TRANSFERS = frozenset({"03", "05", "06", "62", "63", "65", "83", "85", "86", "90", "91", "93"})
EXPIRED = "20"
