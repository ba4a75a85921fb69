"""Clinical scenarios for the demo store: synthetic teaching cases, no real patient data.

Each scenario is a common inpatient stay with the coding an experienced inpatient
coder would assign under the FY2026 ICD-10-CM/PCS guidelines (principal and
secondary diagnoses with POA indicators, procedures with day offsets) and the
documentation templates that support that coding. `db.demo` turns a scenario into
records by drawing an age, sex, length of stay, charges, disposition and payer from
its ranges and formatting the templates. POA "1" marks codes on the CMS POA-exempt
list. Every person, hospital and document here is invented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    key: str                       # short id, e.g. "hf_ckd"
    name: str                      # e.g. "Heart failure with chronic kidney disease"
    service_line: str              # e.g. "Cardiology"
    ages: tuple[int, int]          # inclusive age range at admission
    sexes: str                     # "MF", "F" or "M"
    los: tuple[int, int]           # inclusive length-of-stay range in days (>= 1)
    charges: tuple[int, int]       # total charges range, US dollars
    admission_type: str            # UB-04 FL14: "1" emergency, "2" urgent, "3" elective, "5" trauma
    point_of_origin: str           # UB-04 FL15: "1" non-health-care point, "2" clinic or physician referral, "4" transfer from a hospital
    dispositions: tuple[str, ...]  # UB-04 FL17 two-digit codes to choose from, e.g. ("01", "06", "03")
    payers: tuple[str, ...]        # from: "Medicare", "Medicare Advantage", "Medicaid", "Commercial", "Self-pay"
    pdx: tuple[str, str]           # principal diagnosis (dotted ICD-10-CM code, POA)
    sdx: tuple[tuple[str, str], ...]  # secondary diagnoses (code, POA), in coding sequence
    procedures: tuple[tuple[str, int], ...]  # (ICD-10-PCS code, day offset from admission, 0 = admit day)
    summary: str                   # discharge summary template
    op_note: str | None = None     # operative/procedure note template; required when procedures is non-empty


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        key="hf_ckd",
        name="Heart failure with chronic kidney disease",
        service_line="Cardiology",
        ages=(62, 90),
        sexes="MF",
        los=(3, 7),
        charges=(38_000, 76_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06", "03"),
        payers=("Medicare", "Medicare Advantage"),
        pdx=("I13.0", "Y"),
        sdx=(("I50.23", "Y"), ("N18.4", "Y"), ("E11.22", "Y"), ("E78.5", "Y"), ("Z79.4", "1")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Acute on chronic systolic heart failure.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension, type 2 diabetes on insulin, diabetic and hypertensive chronic kidney disease stage 4, and heart failure with reduced ejection fraction who presented with one week of worsening exertional dyspnea, three-pillow orthopnea, leg swelling and a 4 kg weight gain.

PERTINENT FINDINGS: BP 166/94, HR 104, RR 24, SpO2 92% on room air. Jugular venous distension to the angle of the jaw, bibasilar crackles, 2+ pitting edema to the knees. BNP 2,860 pg/mL, creatinine 3.1 mg/dL (baseline 2.9, eGFR 19), potassium 4.8, hemoglobin A1c 7.6%. Chest x-ray: cardiomegaly, interstitial edema and small bilateral effusions. Echocardiogram: LVEF 25-30% with global hypokinesis.

HOSPITAL COURSE: Treated with intravenous furosemide 80 mg twice daily with net negative 5.1 L and a 4.3 kg weight loss. Creatinine stayed at baseline (2.9-3.2) throughout diuresis. Nephrology agreed with the diuretic plan; ACE inhibitor and ARNI are avoided at this level of kidney function, so hydralazine and isosorbide dinitrate were added to carvedilol. Glucose was controlled on basal-bolus insulin. Oxygen was weaned off on day 2.

DISCHARGE DIAGNOSES:
1. Acute on chronic systolic (congestive) heart failure, HFrEF, EF 25-30%.
2. Hypertensive heart and chronic kidney disease.
3. Chronic kidney disease stage 4.
4. Type 2 diabetes mellitus with diabetic chronic kidney disease, on long-term insulin.
5. Hyperlipidemia.

DISCHARGE MEDICATIONS: Furosemide 80 mg twice daily, carvedilol 12.5 mg twice daily, hydralazine 25 mg three times daily, isosorbide dinitrate 20 mg three times daily, insulin glargine 18 units at bedtime, insulin lispro per sliding scale, atorvastatin 40 mg daily.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Daily weights, 2 g sodium and 1.5 L fluid restriction. Basic metabolic panel in 3 days; heart failure clinic in 7 days; nephrology in 2 weeks.

{attending}, attending physician""",
    ),
    Scenario(
        key="sepsis",
        name="Severe sepsis from urinary tract infection with acute kidney injury",
        service_line="Hospital Medicine",
        ages=(55, 92),
        sexes="MF",
        los=(4, 9),
        charges=(48_000, 118_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06", "03"),
        payers=("Medicare", "Medicare Advantage", "Medicaid", "Commercial"),
        pdx=("A41.9", "Y"),
        sdx=(("R65.20", "Y"), ("N17.9", "Y"), ("N39.0", "Y"), ("E11.9", "Y"), ("Z79.84", "1"), ("I10", "Y")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Severe sepsis due to urinary tract infection, with acute kidney injury.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with type 2 diabetes on metformin and essential hypertension who was brought in by family with two days of fever, rigors, dysuria, urinary frequency and poor oral intake.

PERTINENT FINDINGS: Temperature 39.2 C, HR 118, RR 24, BP 84/50 improving to 106/62 after a 30 mL/kg crystalloid bolus. Alert and oriented. WBC 19.8 with 14% bands, lactate 3.6 mmol/L falling to 1.4 at 6 hours, creatinine 2.4 mg/dL (baseline 0.9), BUN 48, glucose 212. Urinalysis: large leukocyte esterase, more than 50 WBC/hpf, many bacteria. CT abdomen and pelvis: no hydronephrosis, stone or abscess. Blood cultures: no growth. Urine culture: mixed flora.

HOSPITAL COURSE: The sepsis bundle was completed within one hour and empiric ceftriaxone was started. Blood pressure responded to fluids and vasopressors were never required. Metformin and lisinopril were held and the acute kidney injury resolved with hydration: creatinine 1.1 by day 4. Glucose was covered with correction insulin. The patient defervesced by day 3 and was changed to oral cefpodoxime to complete 10 days of therapy.

DISCHARGE DIAGNOSES:
1. Severe sepsis, organism not identified, without septic shock.
2. Acute kidney injury due to sepsis, resolved.
3. Urinary tract infection, source of sepsis.
4. Type 2 diabetes mellitus without complications, on long-term metformin.
5. Essential hypertension.

DISCHARGE MEDICATIONS: Cefpodoxime 200 mg twice daily for 5 more days, metformin 1,000 mg twice daily, amlodipine 5 mg daily. Lisinopril remains on hold until the primary care visit.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Primary care in one week with a basic metabolic panel to decide on restarting lisinopril. Return for fever, vomiting or reduced urine output.

{attending}, attending physician""",
    ),
    Scenario(
        key="pneumonia",
        name="Community-acquired pneumonia",
        service_line="Hospital Medicine",
        ages=(45, 92),
        sexes="MF",
        los=(3, 6),
        charges=(24_000, 52_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06"),
        payers=("Medicare", "Medicare Advantage", "Medicaid", "Commercial"),
        pdx=("J18.9", "Y"),
        sdx=(("E87.1", "Y"), ("I10", "Y"), ("E78.5", "Y"), ("E03.9", "Y"), ("Z87.891", "1")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Community-acquired right lower lobe pneumonia.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension, hyperlipidemia and hypothyroidism, a former smoker who quit 10 years ago, who presented with four days of productive cough, fever, right-sided pleuritic chest pain and exertional dyspnea.

PERTINENT FINDINGS: Temperature 38.6 C, HR 104, RR 22, BP 128/76, SpO2 92% on room air and 96% on 2 L nasal cannula. Crackles at the right base. WBC 15.6, procalcitonin 1.8 ng/mL, sodium 129 mmol/L, creatinine 0.9, TSH normal. Chest x-ray: right lower lobe consolidation without effusion. Blood cultures no growth; sputum culture normal respiratory flora; urine pneumococcal and Legionella antigens negative.

HOSPITAL COURSE: Started on ceftriaxone and azithromycin. Supplemental oxygen was weaned to room air on day 2. The hyponatremia was hypovolemic and corrected with isotonic saline to 135 mmol/L by day 3. Fever resolved within 48 hours and antibiotics were changed to oral therapy. Home levothyroxine, lisinopril and atorvastatin were continued. Ambulatory SpO2 on room air was 94% before discharge.

DISCHARGE DIAGNOSES:
1. Community-acquired pneumonia, right lower lobe, organism not identified.
2. Hyponatremia, hypovolemic, resolved.
3. Essential hypertension.
4. Hyperlipidemia.
5. Hypothyroidism.
6. Former smoker (history of nicotine dependence).

DISCHARGE MEDICATIONS: Amoxicillin-clavulanate 875 mg twice daily for 3 more days, azithromycin completed, levothyroxine 88 mcg daily, lisinopril 10 mg daily, atorvastatin 20 mg daily, guaifenesin as needed.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Primary care in one week with a basic metabolic panel; repeat chest x-ray in 6 to 8 weeks to document resolution.

{attending}, attending physician""",
    ),
    Scenario(
        key="copd",
        name="COPD exacerbation",
        service_line="Pulmonology",
        ages=(55, 88),
        sexes="MF",
        los=(3, 6),
        charges=(22_000, 46_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06"),
        payers=("Medicare", "Medicare Advantage", "Medicaid"),
        pdx=("J44.1", "Y"),
        sdx=(("J96.11", "Y"), ("Z99.81", "1"), ("I10", "Y"), ("E78.5", "Y"), ("Z79.51", "1"), ("Z87.891", "1")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Acute exacerbation of chronic obstructive pulmonary disease.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with severe COPD (GOLD 3, FEV1 38% predicted) and chronic hypoxic respiratory failure on 2 L home oxygen, a former smoker with 45 pack-years who quit six years ago, who presented with three days of increasing dyspnea, wheeze and sputum volume without fever.

PERTINENT FINDINGS: Temperature 37.1 C, HR 102, RR 24, BP 146/84, SpO2 88% on home 2 L, 93% on 3 L. Diffuse expiratory wheeze with prolonged expiration. ABG on 3 L: pH 7.37, pCO2 49, pO2 68, similar to prior baseline. WBC 10.4, BNP 60, troponin negative. Chest x-ray: hyperinflation, no infiltrate or pneumothorax. Respiratory viral panel negative.

HOSPITAL COURSE: Treated with scheduled albuterol-ipratropium nebulizers, prednisone 40 mg daily and doxycycline. Oxygen returned to the home baseline of 2 L by day 2, with ambulatory SpO2 90-92%. Home fluticasone-umeclidinium-vilanterol inhaler was resumed. Amlodipine and atorvastatin were continued. Inhaler technique was reviewed and the patient was referred to pulmonary rehabilitation.

DISCHARGE DIAGNOSES:
1. Acute exacerbation of COPD.
2. Chronic respiratory failure with hypoxia, dependent on supplemental oxygen 2 L continuous.
3. Essential hypertension.
4. Hyperlipidemia.
5. Long-term use of inhaled corticosteroid.
6. Former smoker (history of nicotine dependence).

DISCHARGE MEDICATIONS: Prednisone 40 mg daily for 2 more days, doxycycline 100 mg twice daily for 2 more days, fluticasone-umeclidinium-vilanterol 1 inhalation daily, albuterol inhaler as needed, home oxygen 2 L continuous, amlodipine 5 mg daily, atorvastatin 40 mg daily.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Pulmonology clinic in 2 weeks; pulmonary rehabilitation intake call within one week.

{attending}, attending physician""",
    ),
    Scenario(
        key="hip_fracture",
        name="Intertrochanteric hip fracture with intramedullary nailing",
        service_line="Orthopedics",
        ages=(68, 97),
        sexes="MF",
        los=(4, 7),
        charges=(58_000, 98_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("03", "62", "06"),
        payers=("Medicare", "Medicare Advantage"),
        pdx=("S72.141A", "Y"),
        sdx=(("D62", "N"), ("I10", "Y"), ("E03.9", "Y"), ("W01.0XXA", "1"), ("Y92.012", "1")),
        procedures=(("0QS636Z", 1),),
        summary="""\
REASON FOR ADMISSION: Right hip fracture after a fall at home.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension and hypothyroidism who tripped on a bath mat in the bathroom of {his_her} single-family house and fell onto the right hip, without striking the head or losing consciousness, and could not bear weight afterwards.

PERTINENT FINDINGS: BP 152/86, HR 92, SpO2 96% on room air. Right leg shortened and externally rotated, neurovascularly intact. Hemoglobin 12.4 g/dL, creatinine 0.9, TSH normal, INR 1.0. X-rays: displaced intertrochanteric fracture of the right femur; pelvis otherwise intact. ECG sinus rhythm.

HOSPITAL COURSE: Medicine co-managed and cleared the patient for surgery. On {procedure_date} {surgeon} performed closed reduction and intramedullary nailing of the right intertrochanteric fracture under spinal anesthesia. On postoperative day 1 hemoglobin fell to 7.9 g/dL; this acute blood loss anemia developed after surgery, was asymptomatic and was managed with oral iron and serial monitoring without transfusion (hemoglobin 8.4 at discharge). Pain was controlled with acetaminophen and low-dose oxycodone. Physical therapy progressed to weight bearing as tolerated with a walker. Enoxaparin was started for thromboprophylaxis.

DISCHARGE DIAGNOSES:
1. Closed displaced intertrochanteric fracture of the right femur, initial encounter, from a trip and fall on the same level at home (bathroom of a single-family house).
2. Acute blood loss anemia, postoperative, not present on admission.
3. Essential hypertension.
4. Hypothyroidism.

DISCHARGE MEDICATIONS: Enoxaparin 40 mg subcutaneously daily for 4 weeks, acetaminophen 1 g every 8 hours, oxycodone 2.5 mg every 6 hours as needed, ferrous sulfate 325 mg daily, docusate 100 mg twice daily, lisinopril 10 mg daily, levothyroxine 75 mcg daily.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Weight bearing as tolerated. Orthopedic clinic in 2 weeks for wound check and x-rays; CBC in one week.

{attending}, attending physician""",
        op_note="""\
OPERATIVE REPORT
Date of surgery: {procedure_date}
Surgeon: {surgeon}
Preoperative diagnosis: Displaced intertrochanteric fracture, right femur.
Postoperative diagnosis: Same.
Procedure: Closed reduction and intramedullary (cephalomedullary) nailing, right intertrochanteric femur fracture.
Anesthesia: Spinal with sedation.
Indications: {patient}, {age}, fell at home and cannot bear weight; fixation allows early mobilization.

Findings: Displaced two-part intertrochanteric fracture; anatomic reduction obtained closed.

Description: The patient was positioned on the fracture table. Closed reduction by traction and internal rotation was confirmed on biplanar fluoroscopy; the fracture site was not opened. Through a 3 cm incision proximal to the greater trochanter a guidewire was placed at the trochanteric tip and the entry reamed. A 10 x 180 mm cephalomedullary nail was passed by hand, a lag screw was placed center-center in the femoral head with a tip-apex distance of 18 mm, and one distal locking screw was placed through a stab incision. Wounds were irrigated and closed.

Estimated blood loss: 150 mL.
Disposition: To PACU in stable condition; weight bearing as tolerated.""",
    ),
    Scenario(
        key="thr",
        name="Elective total hip replacement",
        service_line="Orthopedics",
        ages=(50, 82),
        sexes="MF",
        los=(1, 3),
        charges=(52_000, 88_000),
        admission_type="3",
        point_of_origin="2",
        dispositions=("01", "06"),
        payers=("Medicare", "Medicare Advantage", "Commercial"),
        pdx=("M16.11", "Y"),
        sdx=(("I10", "Y"), ("E66.812", "Y"), ("Z68.36", "1"), ("G47.33", "Y"), ("Z87.891", "1")),
        procedures=(("0SR9019", 0),),
        summary="""\
REASON FOR ADMISSION: Elective right total hip arthroplasty for primary osteoarthritis.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with end-stage primary osteoarthritis of the right hip, with progressive groin pain and limited walking despite a year of physical therapy, weight-loss efforts, NSAIDs and an intra-articular steroid injection. Comorbidities: hypertension, class 2 obesity (BMI 36.4) and obstructive sleep apnea on CPAP. Former smoker, quit 15 years ago.

PERTINENT FINDINGS: Preoperative BP 138/82, HR 74. Hemoglobin 13.6, creatinine 0.8, HbA1c 5.6%. X-rays: severe right hip joint-space loss with subchondral sclerosis and osteophytes; left hip mild.

HOSPITAL COURSE: Admitted the morning of surgery. On {procedure_date} {surgeon} performed a right total hip arthroplasty with cemented components through a posterior approach under spinal anesthesia. CPAP was used overnight with continuous pulse oximetry and no desaturation events. Pain was controlled with a multimodal regimen. The patient walked 150 feet with a walker on the day of surgery and cleared stairs with physical therapy. Postoperative hemoglobin 11.8. The incision was clean and dry.

DISCHARGE DIAGNOSES:
1. Unilateral primary osteoarthritis, right hip, status post right total hip arthroplasty.
2. Essential hypertension.
3. Obesity, class 2, BMI 36.4.
4. Obstructive sleep apnea on CPAP.
5. Former smoker (history of nicotine dependence).

DISCHARGE MEDICATIONS: Aspirin 81 mg twice daily for 35 days for thromboprophylaxis, acetaminophen 1 g every 8 hours, celecoxib 200 mg daily for 2 weeks, oxycodone 5 mg every 6 hours as needed, docusate 100 mg twice daily, losartan 50 mg daily.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Posterior hip precautions for 6 weeks. Orthopedic clinic in 2 weeks for wound check.

{attending}, attending physician""",
        op_note="""\
OPERATIVE REPORT
Date of surgery: {procedure_date}
Surgeon: {surgeon}
Preoperative diagnosis: Primary osteoarthritis, right hip.
Postoperative diagnosis: Same.
Procedure: Right total hip arthroplasty, cemented, metal-on-metal bearing.
Anesthesia: Spinal with sedation.
Indications: {patient}, {age}, has end-stage right hip osteoarthritis that failed nonoperative care.

Findings: Full-thickness cartilage loss of the femoral head and acetabulum with large osteophytes.

Description: In the left lateral decubitus position a posterior approach was made through the short external rotators and capsule, which were tagged. The hip was dislocated and the femoral neck osteotomized. The acetabulum was reamed to 54 mm and a cobalt-chromium acetabular component was cemented. The femoral canal was broached and a cobalt-chromium stem was cemented with a 40 mm cobalt-chromium head, completing a metal-on-metal articulation. The hip was reduced and stable through full range of motion; leg lengths were equal. Capsule and rotators were repaired and the wound closed in layers.

Estimated blood loss: 300 mL.
Disposition: To PACU in stable condition.""",
    ),
    Scenario(
        key="tkr",
        name="Elective total knee replacement",
        service_line="Orthopedics",
        ages=(50, 85),
        sexes="MF",
        los=(1, 3),
        charges=(48_000, 82_000),
        admission_type="3",
        point_of_origin="2",
        dispositions=("01", "06"),
        payers=("Medicare", "Medicare Advantage", "Commercial"),
        pdx=("M17.12", "Y"),
        sdx=(("I10", "Y"), ("E11.9", "Y"), ("Z79.84", "1"), ("E78.5", "Y"), ("K21.9", "Y")),
        procedures=(("0SRD0J9", 0),),
        summary="""\
REASON FOR ADMISSION: Elective left total knee arthroplasty for primary osteoarthritis.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with primary osteoarthritis of the left knee, with pain at rest and a walking tolerance of one block despite physical therapy, bracing, NSAIDs and injections. Comorbidities: hypertension, type 2 diabetes on metformin, hyperlipidemia and gastroesophageal reflux disease.

PERTINENT FINDINGS: Preoperative BP 134/80, HR 70, BMI 29. Hemoglobin 13.9, creatinine 0.9, HbA1c 6.8%. X-rays: bone-on-bone medial compartment narrowing of the left knee with varus alignment and patellofemoral osteophytes.

HOSPITAL COURSE: Admitted the morning of surgery. On {procedure_date} {surgeon} performed a cemented left total knee arthroplasty under spinal anesthesia with an adductor canal block. Metformin was held on the day of surgery and resumed the next morning; glucose ran 120-180 with correction insulin. Pain was controlled with a multimodal regimen. Continuous passive motion and physical therapy achieved 0 to 90 degrees of flexion, and the patient walked the hallway with a walker and managed stairs. Pantoprazole and home medications were continued.

DISCHARGE DIAGNOSES:
1. Unilateral primary osteoarthritis, left knee, status post left total knee arthroplasty.
2. Essential hypertension.
3. Type 2 diabetes mellitus without complications, on long-term metformin.
4. Hyperlipidemia.
5. Gastroesophageal reflux disease without esophagitis.

DISCHARGE MEDICATIONS: Apixaban 2.5 mg twice daily for 14 days for thromboprophylaxis, acetaminophen 1 g every 8 hours, oxycodone 5 mg every 6 hours as needed, metformin 1,000 mg twice daily, lisinopril 20 mg daily, atorvastatin 40 mg daily, pantoprazole 40 mg daily.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Outpatient physical therapy three times a week. Orthopedic clinic in 2 weeks for staple removal.

{attending}, attending physician""",
        op_note="""\
OPERATIVE REPORT
Date of surgery: {procedure_date}
Surgeon: {surgeon}
Preoperative diagnosis: Primary osteoarthritis, left knee.
Postoperative diagnosis: Same.
Procedure: Left total knee arthroplasty, cemented.
Anesthesia: Spinal with adductor canal block.
Indications: {patient}, {age}, has end-stage left knee osteoarthritis that failed nonoperative treatment.

Findings: Eburnated bone in the medial compartment, grade 4 patellofemoral changes, intact collateral ligaments.

Description: With a thigh tourniquet inflated, a midline incision and medial parapatellar arthrotomy exposed the left knee. Distal femoral, anterior, posterior and chamfer cuts were made with cutting guides, followed by the proximal tibial cut. Flexion and extension gaps were balanced. The patella was resurfaced. Femoral, tibial and patellar components were cemented and a 10 mm polyethylene insert was placed. The knee was stable with full extension and 120 degrees of flexion. The arthrotomy was closed over a periarticular anesthetic injection and the skin stapled.

Estimated blood loss: 100 mL.
Disposition: To PACU in stable condition.""",
    ),
    Scenario(
        key="cabg",
        name="Coronary artery bypass grafting",
        service_line="Cardiothoracic Surgery",
        ages=(50, 82),
        sexes="MF",
        los=(5, 9),
        charges=(150_000, 260_000),
        admission_type="3",
        point_of_origin="2",
        dispositions=("06", "01", "03"),
        payers=("Medicare", "Medicare Advantage", "Commercial"),
        pdx=("I25.10", "Y"),
        sdx=(("I48.0", "N"), ("I10", "Y"), ("E11.9", "Y"), ("Z79.84", "1"), ("E78.5", "Y"), ("Z87.891", "1")),
        procedures=(("02100Z9", 0), ("021009W", 0), ("06BP4ZZ", 0), ("5A1221Z", 0)),
        summary="""\
REASON FOR ADMISSION: Elective coronary artery bypass grafting for multivessel coronary artery disease.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension, type 2 diabetes on metformin and hyperlipidemia, a former smoker, who had a markedly abnormal stress test done for exertional fatigue without chest pain. Coronary angiography showed a 90% proximal left anterior descending stenosis and an 85% first obtuse marginal stenosis with preserved LVEF of 55%. The heart team recommended surgical revascularization.

PERTINENT FINDINGS: Preoperative BP 136/78, HR 68 in sinus rhythm. Hemoglobin 13.8, creatinine 0.9, HbA1c 7.0%.

HOSPITAL COURSE: On {procedure_date} {surgeon} performed coronary artery bypass grafting times two on cardiopulmonary bypass: left internal mammary artery to the left anterior descending and a reversed saphenous vein graft from the aorta to the obtuse marginal, with endoscopic harvest of the right greater saphenous vein. The patient was extubated within 6 hours and chest tubes were removed on postoperative day 2. On postoperative day 2 the patient developed new-onset paroxysmal atrial fibrillation with rapid rates, not present before surgery and not considered by the surgeon to be a complication of the procedure; it converted to sinus rhythm with intravenous amiodarone and remained in sinus rhythm on oral amiodarone. Anticoagulation was not started given the brief episode. Glucose was managed with an insulin infusion, then metformin was resumed.

DISCHARGE DIAGNOSES:
1. Atherosclerotic heart disease of native coronary arteries without angina, status post CABG x2.
2. Paroxysmal atrial fibrillation, new onset after surgery, converted to sinus rhythm.
3. Essential hypertension.
4. Type 2 diabetes mellitus without complications, on long-term metformin.
5. Hyperlipidemia.
6. Former smoker.

DISCHARGE MEDICATIONS: Aspirin 81 mg daily, metoprolol tartrate 25 mg twice daily, amiodarone 200 mg daily for 4 weeks, atorvastatin 80 mg daily, metformin 1,000 mg twice daily, furosemide 20 mg daily for 5 days, acetaminophen and oxycodone as needed.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Sternal precautions. Cardiac surgery clinic in 2 weeks, cardiology in 4 weeks, outpatient cardiac rehabilitation referral placed.

{attending}, attending physician""",
        op_note="""\
OPERATIVE REPORT
Date of surgery: {procedure_date}
Surgeon: {surgeon}
Preoperative diagnosis: Two-vessel coronary artery disease without angina.
Postoperative diagnosis: Same.
Procedure: Coronary artery bypass grafting x2 (LIMA to LAD; reversed saphenous vein graft, aorta to obtuse marginal), endoscopic right greater saphenous vein harvest, cardiopulmonary bypass.
Anesthesia: General endotracheal.
Indications: {patient}, {age}, has severe proximal LAD and obtuse marginal disease.

Findings: Good-quality LIMA; LAD 2.0 mm and OM 1.75 mm targets; ventricular function preserved.

Description: Median sternotomy. The left internal mammary artery was harvested as a pedicle while the right greater saphenous vein was harvested endoscopically. After heparinization the patient was placed on cardiopulmonary bypass with aortic and right atrial cannulation, and the heart was arrested with cold blood cardioplegia. The reversed vein was anastomosed to the obtuse marginal and proximally to the ascending aorta; the LIMA was anastomosed to the LAD. Both grafts had good flow. The patient separated from bypass without difficulty; pacing wires and chest tubes were placed and the sternum closed with wires.

Cardiopulmonary bypass time: 78 minutes. Estimated blood loss: 550 mL.
Disposition: To cardiac ICU intubated, hemodynamically stable.""",
    ),
    Scenario(
        key="pci_nstemi",
        name="NSTEMI with percutaneous coronary intervention and stent",
        service_line="Cardiology",
        ages=(45, 85),
        sexes="MF",
        los=(2, 4),
        charges=(68_000, 118_000),
        admission_type="1",
        point_of_origin="4",
        dispositions=("01",),
        payers=("Medicare", "Medicare Advantage", "Commercial", "Medicaid"),
        pdx=("I21.4", "Y"),
        sdx=(("I25.10", "Y"), ("I10", "Y"), ("E78.5", "Y"), ("F17.210", "Y")),
        procedures=(("02703DZ", 1), ("4A023N7", 1), ("B2111ZZ", 1)),
        summary="""\
REASON FOR ADMISSION: Non-ST-elevation myocardial infarction, transferred for cardiac catheterization.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension, hyperlipidemia and a one-pack-per-day cigarette habit who developed substernal chest pressure radiating to the left arm at rest. The referring community hospital found a rising troponin and transferred the patient to Lakeside Demo Hospital for an early invasive strategy.

PERTINENT FINDINGS: BP 148/88, HR 84, SpO2 97% on room air, chest pain free on arrival on heparin and nitroglycerin. ECG: 1 mm horizontal ST depression in II, III and aVF, no ST elevation. High-sensitivity troponin I 412 rising to 2,360 ng/L. LDL 162 mg/dL, creatinine 0.8. Echocardiogram: LVEF 50% with inferior hypokinesis.

HOSPITAL COURSE: On {procedure_date} {surgeon} performed left heart catheterization and coronary angiography by right radial access, showing a 95% culprit stenosis of the mid right coronary artery with nonobstructive disease elsewhere; it was treated with a single bare-metal stent, chosen because the patient could not commit to prolonged dual antiplatelet therapy. There were no complications and the radial site was unremarkable. The patient remained chest pain free without arrhythmia on telemetry. Smoking cessation counseling was provided and a nicotine patch started.

DISCHARGE DIAGNOSES:
1. Acute non-ST-elevation myocardial infarction (type 1).
2. Atherosclerotic heart disease of native coronary arteries, status post bare-metal stent to mid RCA.
3. Essential hypertension.
4. Hyperlipidemia.
5. Nicotine dependence, cigarettes.

DISCHARGE MEDICATIONS: Aspirin 81 mg daily, clopidogrel 75 mg daily for at least one month, atorvastatin 80 mg daily, metoprolol succinate 50 mg daily, lisinopril 10 mg daily, sublingual nitroglycerin as needed, nicotine patch 21 mg daily.

DISPOSITION AND FOLLOW-UP: Discharged home in stable condition. Cardiology clinic in 2 weeks; cardiac rehabilitation referral placed; fasting lipids in 6 weeks.

{attending}, attending physician""",
        op_note="""\
CARDIAC CATHETERIZATION AND PCI REPORT
Date of procedure: {procedure_date}
Operator: {surgeon}
Indication: Non-ST-elevation myocardial infarction in {patient}, {age}.
Procedures: Left heart catheterization with pressure measurement, selective coronary angiography of the left and right coronary arteries, percutaneous coronary intervention of the mid right coronary artery with one bare-metal stent.
Anesthesia: Local lidocaine with moderate sedation.
Contrast: Iohexol (low-osmolar), 140 mL.

Findings: LVEDP 16 mmHg. Left main normal; LAD 30% mid; circumflex 20%; mid RCA 95% thrombotic stenosis (culprit), TIMI 2 flow.

Description: The right radial artery was accessed percutaneously with a 6 French sheath. Left heart pressures were recorded and selective angiography of both coronary arteries performed. The RCA was engaged with a guiding catheter and wired, predilated with a 2.5 mm balloon, and stented with a 3.0 x 18 mm bare-metal stent at 14 atm, with 0% residual stenosis and TIMI 3 flow. A radial compression band was applied.

Estimated blood loss: Minimal.
Disposition: To the cardiac step-down unit in stable condition.""",
    ),
    Scenario(
        key="stroke",
        name="Cardioembolic ischemic stroke",
        service_line="Neurology",
        ages=(60, 92),
        sexes="MF",
        los=(5, 9),
        charges=(44_000, 92_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("62", "03", "06"),
        payers=("Medicare", "Medicare Advantage"),
        pdx=("I63.411", "Y"),
        sdx=(("G81.94", "Y"), ("I48.91", "Y"), ("I10", "Y"), ("T83.511A", "N"), ("N39.0", "N"), ("B96.20", "N")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Acute ischemic stroke.

HISTORY OF PRESENT ILLNESS: {patient} is a right-handed {age}-year-old {sex_word} with hypertension who was found by family with left arm and leg weakness; {he_she} was last known well 7 hours earlier, outside the window for thrombolysis.

PERTINENT FINDINGS: BP 178/96, HR 112 irregularly irregular. Left hemiparesis, arm worse than leg; language and swallowing intact. ECG on arrival: atrial fibrillation, not previously diagnosed. CT head: no hemorrhage. CT angiography: cutoff of a distal right M2 branch, not amenable to thrombectomy. MRI: acute right middle cerebral artery territory infarct. LDL 88, HbA1c 5.7%. Echocardiogram: LVEF 55%, no thrombus.

HOSPITAL COURSE: Permissive hypertension for 24 hours, then home lisinopril was resumed. An indwelling urinary catheter was placed in the emergency department for strict output monitoring. On hospital day 4 the patient developed fever of 38.6 C and suprapubic tenderness; urinalysis showed pyuria and urine culture grew more than 100,000 CFU/mL Escherichia coli. This catheter-associated urinary tract infection developed during the stay and was not present on admission; the catheter was removed and ceftriaxone given, then oral cefpodoxime. Apixaban was started on day 4 after repeat imaging showed no hemorrhagic transformation, and metoprolol controlled the ventricular rate. Physical and occupational therapy recommended intensive inpatient rehabilitation.

DISCHARGE DIAGNOSES:
1. Acute ischemic stroke, right middle cerebral artery territory, due to embolism from atrial fibrillation.
2. Left hemiparesis affecting the nondominant side.
3. Atrial fibrillation, newly diagnosed, present on admission.
4. Essential hypertension.
5. Catheter-associated urinary tract infection due to E. coli, hospital acquired.

DISCHARGE MEDICATIONS: Apixaban 5 mg twice daily, metoprolol succinate 50 mg daily, atorvastatin 40 mg daily, lisinopril 10 mg daily, cefpodoxime 200 mg twice daily for 3 more days.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Stroke clinic in 4 weeks, cardiology in 6 weeks.

{attending}, attending physician""",
    ),
    Scenario(
        key="gi_bleed",
        name="Bleeding duodenal ulcer with endoscopic hemostasis",
        service_line="Gastroenterology",
        ages=(50, 88),
        sexes="MF",
        los=(2, 5),
        charges=(28_000, 62_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06"),
        payers=("Medicare", "Medicare Advantage", "Commercial", "Medicaid"),
        pdx=("K26.4", "Y"),
        sdx=(("D62", "Y"), ("T39.395A", "Y"), ("M17.0", "Y"), ("I10", "Y"), ("Z79.1", "1")),
        procedures=(("0W3P8ZZ", 1), ("30233N1", 0)),
        summary="""\
REASON FOR ADMISSION: Upper gastrointestinal bleeding with acute blood loss anemia.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension and bilateral knee osteoarthritis who has taken ibuprofen 800 mg three times daily, as prescribed, for several months. {patient} presented with two days of black tarry stools and lightheadedness on standing.

PERTINENT FINDINGS: HR 112, BP 98/60 with orthostatic changes. Melena on rectal exam. Hemoglobin 6.8 g/dL (baseline 13.1), BUN 52, creatinine 1.0, INR 1.1, platelets 240,000.

HOSPITAL COURSE: The patient received intravenous fluids, a pantoprazole infusion and 2 units of packed red blood cells through a peripheral intravenous line on the day of admission. On {procedure_date} {surgeon} performed upper endoscopy, which found a 1.5 cm duodenal bulb ulcer with a visible vessel; hemostasis was achieved with epinephrine injection and two hemoclips. Helicobacter pylori serology was negative. The ulcer was attributed to ibuprofen taken as prescribed, which was stopped permanently. Hemoglobin was stable at 8.6-8.9 for 48 hours without further bleeding, and the diet was advanced.

DISCHARGE DIAGNOSES:
1. Duodenal ulcer with hemorrhage, status post endoscopic hemostasis.
2. Acute blood loss anemia.
3. Adverse effect of ibuprofen (NSAID) taken as prescribed, causing the ulcer.
4. Bilateral primary osteoarthritis of the knees, with long-term NSAID use now discontinued.
5. Essential hypertension.

DISCHARGE MEDICATIONS: Pantoprazole 40 mg twice daily for 8 weeks, then once daily; ferrous sulfate 325 mg daily; acetaminophen 1 g three times daily as needed for knee pain; amlodipine 5 mg daily. Stop ibuprofen and avoid all NSAIDs.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. CBC in one week; gastroenterology clinic in 4 weeks; return for melena or dizziness.

{attending}, attending physician""",
        op_note="""\
PROCEDURE NOTE: ESOPHAGOGASTRODUODENOSCOPY WITH HEMOSTASIS
Date of procedure: {procedure_date}
Endoscopist: {surgeon}
Indication: Melena and acute anemia in {patient}, {age}.
Anesthesia: Monitored anesthesia care with propofol.

Findings: Normal esophagus. Small amount of old blood in the stomach; gastric mucosa normal. A 1.5 cm clean-based ulcer on the anterior wall of the duodenal bulb with a non-bleeding visible vessel (Forrest IIa). Second portion of the duodenum normal.

Description: The gastroscope was passed through the mouth to the second portion of the duodenum. The stomach was lavaged and inspected. To control the bleeding lesion, 8 mL of 1:10,000 epinephrine was injected in four quadrants around the vessel and two through-the-scope hemoclips were deployed across it, with no residual stigmata or oozing.

Estimated blood loss: None.
Disposition: To the medical floor in stable condition; continue the proton pump inhibitor infusion for 72 hours.""",
    ),
    Scenario(
        key="vaginal_delivery",
        name="Uncomplicated vaginal delivery",
        service_line="Obstetrics",
        ages=(18, 40),
        sexes="F",
        los=(1, 2),
        charges=(9_000, 17_000),
        admission_type="2",
        point_of_origin="1",
        dispositions=("01",),
        payers=("Medicaid", "Commercial", "Self-pay"),
        pdx=("O80", "1"),
        sdx=(("Z37.0", "1"), ("Z3A.39", "1")),
        procedures=(("10E0XZZ", 0),),
        summary="""\
REASON FOR ADMISSION: Spontaneous labor at term.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old G2 P1 {sex_word} at 39 weeks 2 days by first-trimester ultrasound who presented in spontaneous active labor. Prenatal care was routine and the pregnancy was uncomplicated: normal glucose screening, normal blood pressures, blood type O positive, rubella immune, group B streptococcus negative.

PERTINENT FINDINGS: BP 118/72, HR 84, temperature 36.8 C. Cervix 5 cm, 90% effaced, vertex at 0 station, membranes intact. Reactive fetal heart rate tracing, category I. Hemoglobin 11.9 g/dL.

HOSPITAL COURSE: Labor progressed normally with epidural analgesia and spontaneous rupture of membranes with clear fluid. On {procedure_date}, attended by {surgeon}, she had a spontaneous vaginal delivery of a single liveborn male infant weighing 3,410 g with Apgar scores of 8 and 9. The placenta delivered spontaneously and intact. The perineum was intact and no episiotomy was performed. Estimated blood loss 250 mL. The postpartum course was uncomplicated: afebrile, fundus firm, lochia appropriate, voiding and ambulating, breastfeeding well. Postpartum hemoglobin 11.0 g/dL.

DISCHARGE DIAGNOSES:
1. Full-term uncomplicated spontaneous vaginal delivery at 39 weeks.
2. Single liveborn infant.

DISCHARGE MEDICATIONS: Ibuprofen 600 mg every 6 hours as needed, acetaminophen 650 mg every 6 hours as needed, prenatal vitamin daily, docusate 100 mg twice daily as needed.

DISPOSITION AND FOLLOW-UP: Discharged home with her infant in stable condition. Postpartum visit in 2 to 6 weeks; contraception counseling completed. Return for heavy bleeding, fever, severe headache or mood concerns.

{attending}, attending physician""",
        op_note="""\
DELIVERY NOTE
Date of delivery: {procedure_date}
Delivering provider: {surgeon}
Procedure: Spontaneous vaginal delivery, manually assisted.
Anesthesia: Epidural.
Indication: Spontaneous active labor at 39 weeks in {patient}, {age}.

Findings: Single liveborn male infant, occiput anterior, 3,410 g, Apgars 8 and 9. Three-vessel cord. Placenta intact. Intact perineum; no lacerations.

Description: After complete dilation the patient pushed for 35 minutes. The head delivered spontaneously in the occiput anterior position with gentle manual support of the perineum, followed by the anterior and posterior shoulders and the body without difficulty. Delayed cord clamping for 60 seconds, then the cord was clamped and cut and the infant placed skin to skin. The placenta delivered spontaneously 8 minutes later with gentle traction. Oxytocin was given, and the fundus was firm. The vagina, cervix and perineum were inspected and intact.

Estimated blood loss: 250 mL.
Disposition: Mother and infant stable, to the postpartum unit.""",
    ),
    Scenario(
        key="cesarean",
        name="Repeat low transverse cesarean delivery",
        service_line="Obstetrics",
        ages=(20, 42),
        sexes="F",
        los=(2, 4),
        charges=(16_000, 30_000),
        admission_type="3",
        point_of_origin="2",
        dispositions=("01",),
        payers=("Medicaid", "Commercial"),
        pdx=("O34.211", "Y"),
        sdx=(("O24.420", "Y"), ("O99.214", "Y"), ("E66.812", "Y"), ("Z37.0", "1"), ("Z3A.39", "1")),
        procedures=(("10D00Z1", 0),),
        summary="""\
REASON FOR ADMISSION: Scheduled repeat cesarean delivery at 39 weeks.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old G2 P1 {sex_word} at 39 weeks 1 day with one prior low transverse cesarean delivery for arrest of dilation, who declined a trial of labor after cesarean and was admitted for a scheduled repeat cesarean. The pregnancy was complicated by gestational diabetes controlled with diet alone (fasting glucose 80-92) and class 2 obesity (pre-pregnancy BMI 37).

PERTINENT FINDINGS: BP 124/76, HR 82. Fetal heart rate 140, category I. Hemoglobin 12.1 g/dL, blood type A positive, GBS negative. Admission glucose 88 mg/dL.

HOSPITAL COURSE: On {procedure_date} {surgeon} performed a repeat low transverse cesarean delivery under spinal anesthesia, delivering a single liveborn female infant weighing 3,520 g with Apgar scores of 8 and 9. Quantitative blood loss 850 mL. Neonatal glucose checks were normal. Maternal glucose monitoring was normal after delivery and was stopped. The postoperative course was uncomplicated: afebrile, tolerating a regular diet, ambulating, incision clean and dry, breastfeeding. Postoperative hemoglobin 10.6 g/dL.

DISCHARGE DIAGNOSES:
1. Maternal care for low transverse scar from previous cesarean delivery, delivered by repeat low transverse cesarean.
2. Gestational diabetes mellitus, diet controlled, present at delivery.
3. Obesity complicating childbirth, class 2 obesity.
4. Single liveborn infant at 39 weeks.

DISCHARGE MEDICATIONS: Ibuprofen 600 mg every 6 hours, acetaminophen 1 g every 8 hours, oxycodone 5 mg every 6 hours as needed (10 tablets), docusate 100 mg twice daily, prenatal vitamin daily.

DISPOSITION AND FOLLOW-UP: Discharged home with her infant in stable condition. Incision check in 1 to 2 weeks; postpartum visit in 6 weeks with a 75 g two-hour glucose tolerance test at 4 to 12 weeks.

{attending}, attending physician""",
        op_note="""\
OPERATIVE REPORT
Date of surgery: {procedure_date}
Surgeon: {surgeon}
Preoperative diagnosis: Intrauterine pregnancy at 39 weeks, prior low transverse cesarean, declines trial of labor.
Postoperative diagnosis: Same; delivered.
Procedure: Repeat low transverse cesarean delivery.
Anesthesia: Spinal.
Indication: Elective repeat cesarean for {patient}, {age}.

Findings: Single liveborn female infant in vertex presentation, 3,520 g, Apgars 8 and 9. Normal uterus, tubes and ovaries. Mild adhesions of the bladder flap.

Description: A Pfannenstiel incision was made through the prior scar and carried to the fascia, which was incised transversely. The peritoneum was entered bluntly and the bladder flap developed. A low transverse hysterotomy was made and extended bluntly. The infant was delivered from the vertex position, the cord clamped and cut after 60 seconds, and the infant handed to the pediatric team. The placenta was removed intact. The hysterotomy was closed in two layers with good hemostasis. Fascia and skin were closed.

Quantitative blood loss: 850 mL.
Disposition: Mother to recovery in stable condition.""",
    ),
    Scenario(
        key="lap_chole",
        name="Acute calculous cholecystitis with laparoscopic cholecystectomy",
        service_line="General Surgery",
        ages=(25, 80),
        sexes="MF",
        los=(2, 3),
        charges=(32_000, 58_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01",),
        payers=("Medicare", "Medicaid", "Commercial", "Self-pay"),
        pdx=("K80.00", "Y"),
        sdx=(("I10", "Y"), ("E11.9", "Y"), ("Z79.84", "1"), ("E78.5", "Y")),
        procedures=(("0FT44ZZ", 1),),
        summary="""\
REASON FOR ADMISSION: Acute calculous cholecystitis.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension, type 2 diabetes on metformin and hyperlipidemia who presented with two days of constant right upper quadrant pain radiating to the right shoulder, nausea and subjective fever after a fatty meal.

PERTINENT FINDINGS: Temperature 38.3 C, HR 98, BP 142/84. Right upper quadrant tenderness with a positive Murphy sign. WBC 14.2, total bilirubin 0.9, alkaline phosphatase 96, AST 34, ALT 30, lipase normal, glucose 188. Ultrasound: multiple mobile gallstones, gallbladder wall 5 mm, pericholecystic fluid, sonographic Murphy sign, common bile duct 4 mm.

HOSPITAL COURSE: Treated with intravenous piperacillin-tazobactam, fluids and analgesia; metformin was held and correction insulin used. On {procedure_date} {surgeon} performed laparoscopic cholecystectomy without complication. The diet was advanced the same evening and pain was controlled with oral medication. Pathology: acute cholecystitis with cholelithiasis. Liver tests remained normal. Antibiotics were stopped 24 hours after surgery.

DISCHARGE DIAGNOSES:
1. Calculus of gallbladder with acute cholecystitis, without obstruction, status post laparoscopic cholecystectomy.
2. Essential hypertension.
3. Type 2 diabetes mellitus without complications, on long-term metformin.
4. Hyperlipidemia.

DISCHARGE MEDICATIONS: Acetaminophen 1 g every 8 hours as needed, oxycodone 5 mg every 6 hours as needed (8 tablets), docusate 100 mg twice daily, metformin 1,000 mg twice daily, losartan 50 mg daily, atorvastatin 20 mg daily.

DISPOSITION AND FOLLOW-UP: Discharged home in stable condition. No lifting over 10 pounds for 2 weeks. General surgery clinic in 2 weeks. Return for fever, jaundice or worsening pain.

{attending}, attending physician""",
        op_note="""\
OPERATIVE REPORT
Date of surgery: {procedure_date}
Surgeon: {surgeon}
Preoperative diagnosis: Acute calculous cholecystitis.
Postoperative diagnosis: Same.
Procedure: Laparoscopic cholecystectomy.
Anesthesia: General endotracheal.
Indication: {patient}, {age}, with acute cholecystitis and gallstones.

Findings: Edematous, inflamed gallbladder containing multiple stones, with omental adhesions; no gangrene or perforation; normal-appearing common bile duct.

Description: Pneumoperitoneum was established through an umbilical port and three additional 5 mm ports were placed. Omental adhesions were taken down bluntly and the gallbladder fundus retracted cephalad. The hepatocystic triangle was dissected until the critical view of safety was achieved. The cystic duct and cystic artery were each clipped and divided. The gallbladder was removed from the liver bed with electrocautery, placed in a retrieval bag and extracted through the umbilical port. Hemostasis and clip position were confirmed. Ports were removed under vision and the fascia at the umbilicus closed.

Estimated blood loss: 20 mL.
Disposition: To PACU in stable condition.""",
    ),
    Scenario(
        key="lap_appy",
        name="Acute appendicitis with laparoscopic appendectomy",
        service_line="General Surgery",
        ages=(18, 55),
        sexes="MF",
        los=(1, 2),
        charges=(26_000, 46_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01",),
        payers=("Commercial", "Medicaid", "Self-pay"),
        pdx=("K35.30", "Y"),
        sdx=(("J45.20", "Y"), ("F17.210", "Y"), ("Z88.0", "1")),
        procedures=(("0DTJ4ZZ", 0),),
        summary="""\
REASON FOR ADMISSION: Acute appendicitis.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with mild intermittent asthma who presented with 18 hours of periumbilical pain migrating to the right lower quadrant, anorexia and nausea. Smokes half a pack of cigarettes a day. Allergic to penicillin (hives).

PERTINENT FINDINGS: Temperature 38.1 C, HR 96, BP 128/78. Right lower quadrant tenderness with guarding and rebound. WBC 15.1 with left shift, urinalysis normal. CT abdomen and pelvis: dilated 12 mm appendix with periappendiceal fat stranding and a small amount of localized fluid; no abscess, no free air.

HOSPITAL COURSE: Ciprofloxacin and metronidazole were given because of the penicillin allergy. On {procedure_date} {surgeon} performed a laparoscopic appendectomy, finding acute appendicitis with localized purulent peritonitis in the right lower quadrant, without perforation or gangrene. Recovery was uneventful: tolerating a regular diet, pain controlled with oral medication, afebrile. No bronchospasm occurred; albuterol was available as needed. Smoking cessation was discussed and nicotine replacement offered. Pathology: acute suppurative appendicitis with serositis; no perforation.

DISCHARGE DIAGNOSES:
1. Acute appendicitis with localized peritonitis, without perforation or gangrene, status post laparoscopic appendectomy.
2. Mild intermittent asthma, uncomplicated.
3. Nicotine dependence, cigarettes.
4. Penicillin allergy.

DISCHARGE MEDICATIONS: Acetaminophen 1 g every 8 hours as needed, ibuprofen 600 mg every 6 hours as needed, oxycodone 5 mg every 6 hours as needed (6 tablets), albuterol inhaler as needed, nicotine patch 14 mg daily.

DISPOSITION AND FOLLOW-UP: Discharged home in stable condition. No heavy lifting for 2 weeks. General surgery clinic in 2 weeks. Return for fever, wound redness or increasing pain.

{attending}, attending physician""",
        op_note="""\
OPERATIVE REPORT
Date of surgery: {procedure_date}
Surgeon: {surgeon}
Preoperative diagnosis: Acute appendicitis.
Postoperative diagnosis: Acute appendicitis with localized peritonitis, no perforation or gangrene.
Procedure: Laparoscopic appendectomy.
Anesthesia: General endotracheal.
Indication: {patient}, {age}, with clinical and CT findings of acute appendicitis.

Findings: Inflamed, swollen appendix with fibrinous exudate, no perforation, no gangrene; about 20 mL of purulent fluid confined to the right lower quadrant and pelvis.

Description: Pneumoperitoneum was established through an umbilical port, and 5 mm ports were placed in the suprapubic and left lower quadrant positions. The appendix was elevated and the mesoappendix divided with a vessel-sealing device. The appendix was divided at its base with an endoscopic stapler, leaving a healthy cecal staple line, and removed in a retrieval bag through the umbilical port. The right lower quadrant and pelvis were irrigated and suctioned until clear. Ports were removed under vision and the umbilical fascia closed.

Estimated blood loss: 10 mL.
Disposition: To PACU in stable condition.""",
    ),
    Scenario(
        key="dka",
        name="Diabetic ketoacidosis, type 1 diabetes",
        service_line="Endocrinology",
        ages=(18, 40),
        sexes="MF",
        los=(2, 4),
        charges=(22_000, 46_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01",),
        payers=("Commercial", "Medicaid", "Self-pay"),
        pdx=("E10.10", "Y"),
        sdx=(("A08.4", "Y"), ("E86.0", "Y"), ("E87.6", "N")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Diabetic ketoacidosis.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with type 1 diabetes since childhood, on insulin glargine and insulin lispro, who presented with two days of vomiting, watery diarrhea and poor oral intake after household contacts had a similar illness, followed by abdominal pain, polyuria and fatigue. The patient kept taking basal insulin throughout.

PERTINENT FINDINGS: HR 118, BP 104/62, RR 28 with Kussmaul breathing, temperature 37.6 C, dry mucous membranes; alert and fully oriented. Glucose 486 mg/dL, venous pH 7.12, bicarbonate 8, anion gap 28, beta-hydroxybutyrate 6.8 mmol/L, potassium 5.1, sodium 131, creatinine 1.1 (baseline 0.8), lipase normal. Stool pathogen panel negative. Chest x-ray and urinalysis without infection.

HOSPITAL COURSE: Admitted to the ICU on the DKA protocol with isotonic fluids and an insulin infusion. Early on hospital day 2, during insulin therapy, potassium fell to 2.9 mmol/L; this hypokalemia was not present on admission and was corrected with intravenous and oral potassium chloride. The anion gap closed at 16 hours and the patient was transitioned to subcutaneous glargine and lispro with a two-hour overlap. Diarrhea and vomiting resolved, consistent with viral gastroenteritis, and the diet was advanced. Diabetes education reviewed sick-day rules and ketone monitoring.

DISCHARGE DIAGNOSES:
1. Type 1 diabetes mellitus with diabetic ketoacidosis without coma.
2. Viral gastroenteritis, precipitating factor.
3. Dehydration.
4. Hypokalemia, developed during insulin therapy, not present on admission.

DISCHARGE MEDICATIONS: Insulin glargine 24 units at bedtime, insulin lispro per carbohydrate ratio 1:10 and correction scale, blood ketone test strips, glucagon emergency kit.

DISPOSITION AND FOLLOW-UP: Discharged home in stable condition. Endocrinology clinic in one week; basic metabolic panel in 3 days. Return for vomiting that prevents oral intake or ketones above 1.5 mmol/L.

{attending}, attending physician""",
    ),
    Scenario(
        key="aki_ckd",
        name="Acute kidney injury on chronic kidney disease",
        service_line="Nephrology",
        ages=(60, 90),
        sexes="MF",
        los=(3, 6),
        charges=(26_000, 54_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06"),
        payers=("Medicare", "Medicare Advantage"),
        pdx=("N17.9", "Y"),
        sdx=(("I12.9", "Y"), ("N18.32", "Y"), ("E11.22", "Y"), ("E87.5", "Y"), ("E86.0", "Y"), ("Z79.84", "1")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Acute kidney injury on chronic kidney disease stage 3b with hyperkalemia.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension, type 2 diabetes with diabetic chronic kidney disease stage 3b (baseline creatinine 1.8 mg/dL, eGFR 36) who presented with five days of poor appetite and low fluid intake during a heat wave, with lightheadedness and reduced urine output, while continuing lisinopril.

PERTINENT FINDINGS: BP 102/58 with orthostatic drop, HR 96, dry mucous membranes. Creatinine 3.9 mg/dL, BUN 78, potassium 6.1 mmol/L, bicarbonate 22, sodium 138, glucose 164. ECG: sinus rhythm with peaked T waves, normal QRS. Urine sodium below 20 mmol/L, fractional excretion of sodium 0.6%, bland sediment. Renal ultrasound: echogenic kidneys of normal size, no hydronephrosis.

HOSPITAL COURSE: Hyperkalemia was treated with intravenous calcium gluconate, insulin with dextrose, and sodium zirconium cyclosilicate; potassium was 4.9 by the next morning. Lisinopril was held and intravenous isotonic fluids were given for dehydration with close monitoring of volume status. Urine output recovered within 24 hours and creatinine improved daily to 2.0 at discharge. Linagliptin was continued and glucose stayed between 120 and 190.

DISCHARGE DIAGNOSES:
1. Acute kidney injury, prerenal, due to dehydration, improving.
2. Hypertensive chronic kidney disease.
3. Chronic kidney disease stage 3b.
4. Type 2 diabetes mellitus with diabetic chronic kidney disease, on long-term oral agent.
5. Hyperkalemia, resolved.
6. Dehydration.

DISCHARGE MEDICATIONS: Linagliptin 5 mg daily, amlodipine 5 mg daily, atorvastatin 20 mg daily. Hold lisinopril until nephrology follow-up. Drink 1.5-2 L of fluid daily.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Basic metabolic panel in 3 days; nephrology clinic in 2 weeks.

{attending}, attending physician""",
    ),
    Scenario(
        key="cellulitis",
        name="Cellulitis of the leg",
        service_line="Hospital Medicine",
        ages=(35, 80),
        sexes="MF",
        los=(3, 5),
        charges=(18_000, 38_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06"),
        payers=("Medicare", "Medicaid", "Commercial", "Self-pay"),
        pdx=("L03.116", "Y"),
        sdx=(("E11.65", "Y"), ("Z79.84", "1"), ("E66.813", "Y"), ("Z68.41", "1"), ("I10", "Y")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Cellulitis of the left lower leg.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with type 2 diabetes on metformin and glipizide, hypertension and class 3 obesity who presented with three days of spreading redness, warmth, swelling and pain of the left lower leg, with fever and chills. Outpatient cephalexin for 48 hours did not help.

PERTINENT FINDINGS: Temperature 38.4 C, HR 98, BP 148/90, BMI 42.6. Tender, warm, non-fluctuant erythema from the left ankle to just below the knee, with no wound, bullae, crepitus or lymphangitic streaking. WBC 13.9, CRP 96 mg/L, glucose 312 mg/dL, HbA1c 9.8%, creatinine 0.9. Venous duplex: no deep vein thrombosis. Soft-tissue ultrasound: edema, no abscess. Blood cultures: no growth.

HOSPITAL COURSE: Treated with intravenous cefazolin, leg elevation and compression once the pain allowed. The erythema receded from the marked borders within 48 hours and the fever resolved. Hyperglycemia was managed with basal-bolus insulin during the stay; given uncontrolled type 2 diabetes, the outpatient regimen was intensified with a GLP-1 receptor agonist to start after discharge. Weight-management resources were provided.

DISCHARGE DIAGNOSES:
1. Cellulitis of the left lower leg.
2. Type 2 diabetes mellitus with hyperglycemia, uncontrolled, HbA1c 9.8%, on long-term oral agents.
3. Obesity, class 3, BMI 42.6.
4. Essential hypertension.

DISCHARGE MEDICATIONS: Cephalexin 500 mg four times daily for 5 more days, metformin 1,000 mg twice daily, glipizide 10 mg daily, semaglutide 0.25 mg subcutaneously weekly (new), lisinopril 20 mg daily.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Primary care in 5 to 7 days to reassess the leg and glucose log; diabetes education referral placed.

{attending}, attending physician""",
    ),
    Scenario(
        key="uti",
        name="Urinary tract infection in a patient with dementia",
        service_line="Hospital Medicine",
        ages=(75, 95),
        sexes="MF",
        los=(2, 4),
        charges=(16_000, 32_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06", "03"),
        payers=("Medicare", "Medicare Advantage"),
        pdx=("N39.0", "Y"),
        sdx=(("B96.20", "Y"), ("E86.0", "Y"), ("G30.1", "Y"), ("F02.80", "Y"), ("I10", "Y")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Urinary tract infection with dehydration.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with late-onset Alzheimer's dementia, who lives with a daughter and needs help with bathing and finances, and hypertension. The daughter reports two days of fever, painful and frequent urination and poor oral intake. Cognition and behavior are at baseline per the daughter.

PERTINENT FINDINGS: Temperature 38.2 C, HR 88, BP 112/64, dry mucous membranes. Oriented to person only, which is baseline. WBC 11.2, BUN 38, creatinine 1.0 (baseline 0.9), sodium 142. Urinalysis: positive nitrite, large leukocyte esterase, more than 50 WBC/hpf. Urine culture: more than 100,000 CFU/mL Escherichia coli, resistant to ampicillin, susceptible to cephalosporins. Blood cultures: no growth.

HOSPITAL COURSE: Treated with intravenous ceftriaxone and isotonic fluids for dehydration. Fever resolved within 36 hours, oral intake improved and BUN normalized. Antibiotics were changed to oral cefpodoxime based on susceptibilities. Delirium precautions were maintained with family at the bedside, and the patient stayed at cognitive baseline. Donepezil and amlodipine were continued. Physical therapy found the patient at baseline mobility with a walker.

DISCHARGE DIAGNOSES:
1. Urinary tract infection due to Escherichia coli.
2. Dehydration.
3. Alzheimer's disease, late onset, with dementia without behavioral disturbance, psychotic disturbance, mood disturbance or anxiety.
4. Essential hypertension.

DISCHARGE MEDICATIONS: Cefpodoxime 200 mg twice daily for 4 more days, donepezil 10 mg at bedtime, amlodipine 5 mg daily.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Encourage at least 1.5 L of fluids daily. Primary care in one week.

{attending}, attending physician""",
    ),
    Scenario(
        key="etoh_withdrawal",
        name="Alcohol withdrawal delirium",
        service_line="Hospital Medicine",
        ages=(30, 65),
        sexes="MF",
        los=(3, 6),
        charges=(20_000, 48_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "07"),
        payers=("Medicaid", "Commercial", "Self-pay"),
        pdx=("F10.231", "Y"),
        sdx=(("E83.42", "Y"), ("E87.6", "Y"), ("D69.6", "Y"), ("K70.0", "Y"), ("F17.210", "Y")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Alcohol withdrawal delirium.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with alcohol dependence, drinking about a pint of vodka daily for ten years, whose last drink was 40 hours before arrival. Family brought the patient in for tremor, sweating, visual hallucinations and disorientation to time and place. No seizure. Smokes a pack of cigarettes daily.

PERTINENT FINDINGS: HR 124, BP 168/98, temperature 37.9 C, RR 22. Coarse tremor, diaphoresis, inattention, CIWA-Ar score 28. Blood alcohol undetectable, urine drug screen negative. Magnesium 1.2 mg/dL, potassium 3.1 mmol/L, platelets 88,000, AST 142, ALT 61, GGT 410, bilirubin 1.0, INR 1.0, albumin 3.8. CT head: no acute findings. Abdominal ultrasound: diffuse hepatic steatosis, no cirrhotic morphology or ascites.

HOSPITAL COURSE: Admitted to the step-down unit on symptom-triggered lorazepam with an adjunctive phenobarbital load, intravenous thiamine, folate and multivitamin. Magnesium and potassium were replaced intravenously and orally. The delirium cleared on day 3 and benzodiazepines were tapered off by day 4 without recurrent symptoms. Platelets rose to 121,000 with abstinence. Addiction medicine saw the patient, started acamprosate and arranged outpatient treatment. A nicotine patch was started and cessation counseling given.

DISCHARGE DIAGNOSES:
1. Alcohol dependence with withdrawal delirium.
2. Hypomagnesemia.
3. Hypokalemia.
4. Thrombocytopenia.
5. Alcoholic fatty liver.
6. Nicotine dependence, cigarettes.

DISCHARGE MEDICATIONS: Acamprosate 666 mg three times daily, thiamine 100 mg daily, folic acid 1 mg daily, multivitamin daily, magnesium oxide 400 mg twice daily for 2 weeks, nicotine patch 21 mg daily.

DISPOSITION AND FOLLOW-UP: Discharge disposition as recorded by case management. Intensive outpatient program intake in 2 days; primary care in one week with CBC, liver panel and magnesium.

{attending}, attending physician""",
    ),
    Scenario(
        key="pe",
        name="Acute pulmonary embolism with deep vein thrombosis",
        service_line="Pulmonology",
        ages=(35, 80),
        sexes="MF",
        los=(2, 5),
        charges=(24_000, 52_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01",),
        payers=("Medicare", "Medicaid", "Commercial", "Self-pay"),
        pdx=("I26.99", "Y"),
        sdx=(("I82.411", "Y"), ("I10", "Y"), ("E78.5", "Y"), ("F17.210", "Y")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Acute bilateral pulmonary embolism.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension and hyperlipidemia who smokes a pack of cigarettes a day and presented with three days of pleuritic chest pain and exertional dyspnea, plus right leg swelling that started after a 10-hour car trip a week earlier.

PERTINENT FINDINGS: HR 112, RR 22, BP 138/84, SpO2 91% on room air and 96% on 2 L. Right thigh and calf swollen and tender. D-dimer 3.8 mg/L, high-sensitivity troponin normal, BNP 80 pg/mL, creatinine 0.9. CT pulmonary angiography: acute emboli in the right lower lobe lobar artery and bilateral segmental arteries; RV/LV ratio 0.8, no right heart strain. Venous duplex: acute occlusive thrombus of the right femoral vein. Echocardiogram: normal right ventricular size and function.

HOSPITAL COURSE: Started on a heparin infusion and changed to apixaban on day 2. Oxygen was weaned to room air by day 2 with ambulatory SpO2 95%. Pain was controlled with acetaminophen. The event was judged provoked by prolonged travel, so a thrombophilia workup was not sent; age-appropriate cancer screening is up to date. Smoking cessation was strongly advised and a nicotine patch started.

DISCHARGE DIAGNOSES:
1. Acute bilateral pulmonary embolism without acute cor pulmonale.
2. Acute deep vein thrombosis of the right femoral vein.
3. Essential hypertension.
4. Hyperlipidemia.
5. Nicotine dependence, cigarettes.

DISCHARGE MEDICATIONS: Apixaban 10 mg twice daily through day 7, then 5 mg twice daily for at least 3 months; lisinopril 10 mg daily; rosuvastatin 10 mg daily; nicotine patch 21 mg daily; acetaminophen as needed.

DISPOSITION AND FOLLOW-UP: Discharged home in stable condition. Primary care in one week; pulmonary embolism clinic in 6 weeks to decide on the length of anticoagulation. Return for bleeding, chest pain or worsening breathlessness.

{attending}, attending physician""",
    ),
    Scenario(
        key="afib",
        name="Atrial fibrillation with rapid ventricular response and cardioversion",
        service_line="Cardiology",
        ages=(55, 88),
        sexes="MF",
        los=(2, 3),
        charges=(24_000, 48_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01",),
        payers=("Medicare", "Medicare Advantage", "Commercial"),
        pdx=("I48.0", "Y"),
        sdx=(("I10", "Y"), ("E03.9", "Y"), ("G47.33", "Y"), ("E78.5", "Y"), ("Z79.01", "1")),
        procedures=(("5A2204Z", 1), ("B246ZZ4", 1)),
        summary="""\
REASON FOR ADMISSION: Paroxysmal atrial fibrillation with rapid ventricular response.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension, hypothyroidism, obstructive sleep apnea on CPAP and hyperlipidemia, in whom paroxysmal atrial fibrillation was diagnosed 10 days ago and apixaban was started for long-term stroke prevention. The patient presented with three days of continuous palpitations and exertional dyspnea. CHA2DS2-VASc score 3.

PERTINENT FINDINGS: HR 142 irregularly irregular, BP 132/84, SpO2 96% on room air, lungs clear, no edema. ECG: atrial fibrillation with rapid ventricular response, no ischemic changes. TSH 2.1 on levothyroxine, troponin normal, potassium 4.2, magnesium 2.0. Echocardiogram: LVEF 55%, mildly dilated left atrium.

HOSPITAL COURSE: Rate control with intravenous diltiazem, then oral metoprolol, brought the heart rate to the 90s. Because the patient had taken apixaban for less than three weeks, {surgeon} performed transesophageal echocardiography on {procedure_date}, which showed no left atrial appendage thrombus, followed by synchronized direct-current cardioversion with a single 200 J shock, restoring sinus rhythm. The patient stayed in sinus rhythm on telemetry for 24 hours. Apixaban is to continue long term.

DISCHARGE DIAGNOSES:
1. Paroxysmal atrial fibrillation with rapid ventricular response, converted to sinus rhythm by cardioversion.
2. Essential hypertension.
3. Hypothyroidism.
4. Obstructive sleep apnea on CPAP.
5. Hyperlipidemia.
6. Long-term (current) use of anticoagulant.

DISCHARGE MEDICATIONS: Apixaban 5 mg twice daily, metoprolol succinate 50 mg daily, levothyroxine 100 mcg daily, losartan 50 mg daily, atorvastatin 20 mg daily.

DISPOSITION AND FOLLOW-UP: Discharged home in stable condition. Continue CPAP nightly. Cardiology clinic in 2 weeks with an ECG; discuss rhythm-control options if atrial fibrillation recurs.

{attending}, attending physician""",
        op_note="""\
PROCEDURE NOTE: TRANSESOPHAGEAL ECHOCARDIOGRAPHY AND DIRECT-CURRENT CARDIOVERSION
Date of procedure: {procedure_date}
Performed by: {surgeon}
Indication: Symptomatic atrial fibrillation in {patient}, {age}, anticoagulated for less than three weeks.
Anesthesia: Propofol sedation by the anesthesia team.

Findings: TEE: no thrombus or spontaneous echo contrast in the left atrium or left atrial appendage; appendage emptying velocity 45 cm/s; LVEF 55%; no significant valve disease. Atrial fibrillation at 128 beats per minute before cardioversion.

Description: After topical anesthesia of the oropharynx the TEE probe was passed without difficulty and a complete study of the right and left heart was performed, then the probe was withdrawn. Anterior-posterior pads were placed. One synchronized biphasic shock of 200 J restored sinus rhythm at 68 beats per minute. There were no complications; skin under the pads was intact.

Estimated blood loss: None.
Disposition: Recovered on telemetry in stable condition.""",
    ),
    Scenario(
        key="covid",
        name="COVID-19 pneumonia with acute hypoxic respiratory failure",
        service_line="Pulmonology",
        ages=(50, 90),
        sexes="MF",
        los=(4, 9),
        charges=(42_000, 96_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06", "03"),
        payers=("Medicare", "Medicare Advantage", "Medicaid", "Commercial"),
        pdx=("U07.1", "Y"),
        sdx=(("J12.82", "Y"), ("J96.01", "Y"), ("E11.9", "Y"), ("Z79.84", "1"), ("I10", "Y"), ("E78.5", "Y")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: COVID-19 pneumonia with acute hypoxic respiratory failure.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with type 2 diabetes on metformin, hypertension and hyperlipidemia who presented with six days of fever, dry cough and progressive shortness of breath after a positive home antigen test.

PERTINENT FINDINGS: Temperature 38.7 C, HR 108, RR 30 with accessory muscle use, BP 136/80, SpO2 84% on room air. SARS-CoV-2 PCR positive. ABG on 6 L nasal cannula: pH 7.46, pCO2 32, pO2 58. WBC 7.2 with lymphopenia, CRP 128 mg/L, D-dimer 1.2 mg/L, ferritin 980, procalcitonin 0.1, creatinine 0.9, glucose 210. Chest x-ray: bilateral patchy peripheral opacities.

HOSPITAL COURSE: Required high-flow nasal cannula at 40 L/min and FiO2 0.5 for acute hypoxic respiratory failure due to COVID-19 pneumonia. Treated with dexamethasone 6 mg daily, a five-day course of remdesivir, awake proning and prophylactic enoxaparin. Metformin was held and glucose was covered with correction insulin. Oxygen was weaned to nasal cannula on day 4 and to room air by discharge, with ambulatory SpO2 92%. No bacterial coinfection was identified.

DISCHARGE DIAGNOSES:
1. COVID-19.
2. Pneumonia due to COVID-19.
3. Acute hypoxic respiratory failure due to COVID-19 pneumonia, resolved.
4. Type 2 diabetes mellitus without complications, on long-term metformin.
5. Essential hypertension.
6. Hyperlipidemia.

DISCHARGE MEDICATIONS: Dexamethasone 6 mg daily to complete 10 days, metformin 1,000 mg twice daily, lisinopril 10 mg daily, atorvastatin 20 mg daily, benzonatate 100 mg three times daily as needed. Check blood glucose twice daily while on dexamethasone.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Isolation per public health guidance. Primary care in one week; pulse oximeter at home, return if SpO2 below 90%.

{attending}, attending physician""",
    ),
    Scenario(
        key="pancreatitis",
        name="Acute alcohol-induced pancreatitis",
        service_line="Gastroenterology",
        ages=(28, 65),
        sexes="MF",
        los=(3, 6),
        charges=(24_000, 52_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "07"),
        payers=("Medicaid", "Commercial", "Self-pay"),
        pdx=("K85.20", "Y"),
        sdx=(("F10.20", "Y"), ("E87.6", "Y"), ("I10", "Y"), ("F17.210", "Y")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Acute alcohol-induced pancreatitis.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension and moderate alcohol use disorder (alcohol dependence), drinking six to eight beers daily, who presented with 24 hours of severe epigastric pain radiating to the back with nausea and vomiting after a weekend of heavy drinking. Smokes a pack of cigarettes daily. No prior pancreatitis.

PERTINENT FINDINGS: Temperature 37.8 C, HR 104, BP 152/92. Epigastric tenderness with guarding. Lipase 1,840 U/L, triglycerides 180, calcium 8.9, potassium 3.1, BUN 18, creatinine 0.9, AST 88, ALT 42, bilirubin 0.8, WBC 12.4. Ultrasound: no gallstones, normal bile ducts. CT with contrast: interstitial edematous pancreatitis without necrosis or peripancreatic collections.

HOSPITAL COURSE: Treated with goal-directed lactated Ringer's, analgesia and antiemetics; oral feeding resumed on day 2 and a low-fat diet was tolerated by day 3. Hypokalemia was repleted. CIWA monitoring showed no withdrawal signs and none required treatment; thiamine and folate were given. Addiction medicine counseled the patient, who agreed to outpatient treatment and started naltrexone. Smoking cessation was advised. Amlodipine was resumed as blood pressure normalized.

DISCHARGE DIAGNOSES:
1. Acute alcohol-induced pancreatitis, interstitial, without necrosis or infection.
2. Alcohol dependence (moderate alcohol use disorder), uncomplicated.
3. Hypokalemia.
4. Essential hypertension.
5. Nicotine dependence, cigarettes.

DISCHARGE MEDICATIONS: Naltrexone 50 mg daily, thiamine 100 mg daily, folic acid 1 mg daily, amlodipine 5 mg daily, ondansetron 4 mg as needed, acetaminophen as needed, nicotine patch 21 mg daily.

DISPOSITION AND FOLLOW-UP: Discharge disposition as recorded by case management. Complete alcohol abstinence. Primary care in one week with liver panel; addiction medicine intake within 5 days.

{attending}, attending physician""",
    ),
    Scenario(
        key="sbo",
        name="Adhesive small bowel obstruction, managed nonoperatively",
        service_line="General Surgery",
        ages=(45, 85),
        sexes="MF",
        los=(3, 6),
        charges=(24_000, 50_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06"),
        payers=("Medicare", "Medicare Advantage", "Commercial"),
        pdx=("K56.51", "Y"),
        sdx=(("E86.0", "Y"), ("E87.6", "Y"), ("I10", "Y"), ("Z85.038", "1"), ("Z90.49", "1")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Partial small bowel obstruction due to adhesions.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension who had an open right hemicolectomy for colon adenocarcinoma six years ago, completed treatment and has had no evidence of recurrence on surveillance. The patient presented with one day of crampy abdominal pain, distension and bilious vomiting while still passing some flatus.

PERTINENT FINDINGS: Temperature 37.2 C, HR 102, BP 108/66, dry mucous membranes. Distended, tympanic abdomen with mild diffuse tenderness and no peritoneal signs; well-healed midline scar; no hernia. WBC 9.8, lactate 1.1, potassium 3.2, BUN 34, creatinine 1.0. CT abdomen and pelvis: dilated small bowel loops with a transition point in the right lower quadrant consistent with adhesions, contrast reaching the colon, no closed loop, pneumatosis or free air.

HOSPITAL COURSE: Managed with nasogastric decompression, bowel rest, intravenous fluids for dehydration and potassium replacement. A water-soluble contrast challenge reached the colon within 24 hours. Nasogastric output fell, flatus and a bowel movement followed on day 2, the tube was removed and the diet advanced to regular by day 3. Surgery was not needed.

DISCHARGE DIAGNOSES:
1. Partial small bowel obstruction due to intestinal adhesions, resolved with nonoperative management.
2. Dehydration.
3. Hypokalemia.
4. Essential hypertension.
5. Personal history of colon adenocarcinoma, status post right hemicolectomy, no evidence of disease.

DISCHARGE MEDICATIONS: Lisinopril 10 mg daily, acetaminophen as needed, polyethylene glycol 17 g daily as needed.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Low-residue diet for one week. General surgery clinic in 2 weeks; oncology surveillance as scheduled. Return for vomiting, distension or no flatus.

{attending}, attending physician""",
    ),
    Scenario(
        key="syncope",
        name="Syncope",
        service_line="Hospital Medicine",
        ages=(60, 92),
        sexes="MF",
        los=(1, 3),
        charges=(14_000, 30_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01",),
        payers=("Medicare", "Medicare Advantage", "Commercial"),
        pdx=("R55", "Y"),
        sdx=(("I10", "Y"), ("E78.5", "Y"), ("E11.9", "Y"), ("Z79.84", "1"), ("K21.9", "Y")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Syncope.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension, hyperlipidemia, type 2 diabetes on metformin and gastroesophageal reflux disease who, while standing in a warm checkout line, felt hot and nauseated and then lost consciousness for about 20 seconds. Bystanders eased the patient to the floor; there was no injury, no seizure activity, no incontinence and {he_she} was back to normal within a minute. No chest pain or palpitations before the event.

PERTINENT FINDINGS: BP 138/80 lying and 132/78 standing, HR 72 lying and 80 standing. Normal cardiac, neurologic and skin exams. ECG: sinus rhythm, normal PR, QRS and QTc intervals. High-sensitivity troponin normal twice. Hemoglobin 13.5, glucose 142, sodium 139, creatinine 0.9. CT head: no acute findings.

HOSPITAL COURSE: Admitted to telemetry given age and cardiovascular risk factors. Forty-eight hours of telemetry showed sinus rhythm without pauses or arrhythmia. Echocardiogram: LVEF 60%, no aortic stenosis or outflow obstruction. Orthostatic vital signs remained negative after hydration. The presentation is most consistent with vasovagal syncope; no cardiac cause was found. Home medications were continued.

DISCHARGE DIAGNOSES:
1. Syncope, probably vasovagal.
2. Essential hypertension.
3. Hyperlipidemia.
4. Type 2 diabetes mellitus without complications, on long-term metformin.
5. Gastroesophageal reflux disease without esophagitis.

DISCHARGE MEDICATIONS: Metformin 500 mg twice daily, lisinopril 10 mg daily, atorvastatin 20 mg daily, omeprazole 20 mg daily.

DISPOSITION AND FOLLOW-UP: Discharged home in stable condition. Maintain hydration, avoid prolonged standing in heat, sit or lie down with warning symptoms. No driving for one month. Fourteen-day ambulatory ECG monitor mailed to home; cardiology clinic in 3 weeks.

{attending}, attending physician""",
    ),
    Scenario(
        key="htn_urgency",
        name="Hypertensive urgency",
        service_line="Hospital Medicine",
        ages=(40, 80),
        sexes="MF",
        los=(1, 3),
        charges=(12_000, 26_000),
        admission_type="1",
        point_of_origin="2",
        dispositions=("01",),
        payers=("Medicare", "Medicaid", "Commercial", "Self-pay"),
        pdx=("I16.0", "Y"),
        sdx=(("I10", "Y"), ("E78.5", "Y"), ("E11.9", "Y"), ("Z79.84", "1"), ("F17.210", "Y")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Hypertensive urgency.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with essential hypertension, type 2 diabetes on metformin and hyperlipidemia, and a current cigarette smoker, who was sent from the primary care clinic after a blood pressure of 224/122 at a routine visit. The patient reports taking amlodipine and losartan daily as prescribed and denies chest pain, dyspnea, visual change or focal weakness.

PERTINENT FINDINGS: BP 218/118 on repeat in the emergency department, HR 84. Fundi without papilledema or hemorrhage; normal neurologic and cardiac exams. Troponin normal, creatinine 0.9 (unchanged), urinalysis without protein or blood, hemoglobin normal, no schistocytes. ECG: sinus rhythm with voltage criteria for left ventricular hypertrophy, no acute changes. CT head: no acute findings.

HOSPITAL COURSE: No evidence of acute end-organ damage, so hypertensive emergency was excluded. Blood pressure stayed above 200/110 despite two oral doses in the emergency department, so the patient was admitted for monitored titration. Oral labetalol and chlorthalidone were added to the home regimen with a gradual reduction to 152/88 over 36 hours without symptoms. Renal artery duplex was negative and a morning aldosterone-renin ratio was sent. Smoking cessation counseling was provided.

DISCHARGE DIAGNOSES:
1. Hypertensive urgency.
2. Essential hypertension, uncontrolled on two agents.
3. Hyperlipidemia.
4. Type 2 diabetes mellitus without complications, on long-term metformin.
5. Nicotine dependence, cigarettes.

DISCHARGE MEDICATIONS: Amlodipine 10 mg daily, losartan 100 mg daily, chlorthalidone 12.5 mg daily (new), labetalol 200 mg twice daily (new), metformin 1,000 mg twice daily, atorvastatin 40 mg daily, nicotine patch 21 mg daily.

DISPOSITION AND FOLLOW-UP: Discharged home in stable condition with a home blood pressure cuff. Primary care in 5 to 7 days with a basic metabolic panel; aldosterone-renin result to be reviewed there.

{attending}, attending physician""",
    ),
    Scenario(
        key="nstemi_medical",
        name="NSTEMI managed medically",
        service_line="Cardiology",
        ages=(78, 95),
        sexes="MF",
        los=(3, 5),
        charges=(30_000, 58_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06", "03"),
        payers=("Medicare", "Medicare Advantage"),
        pdx=("I21.4", "Y"),
        sdx=(("I25.10", "Y"), ("I12.9", "Y"), ("N18.4", "Y"), ("E78.5", "Y"), ("Z87.891", "1")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Non-ST-elevation myocardial infarction.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with coronary artery disease (heavy coronary calcification on prior imaging, no prior revascularization), hypertensive chronic kidney disease stage 4 and hyperlipidemia, a former smoker, who presented with three hours of substernal pressure at rest with diaphoresis.

PERTINENT FINDINGS: BP 156/84, HR 88, SpO2 95% on room air, lungs clear, no edema. ECG: 1.5 mm ST depression in V4-V6, no ST elevation. High-sensitivity troponin I 380 rising to 2,150 ng/L. Creatinine 2.6 mg/dL (baseline 2.5, eGFR 22), potassium 4.7, hemoglobin 12.2, LDL 118. Echocardiogram: LVEF 50% with inferolateral hypokinesis, no significant valve disease.

HOSPITAL COURSE: An early invasive strategy was discussed at length; given age, chronic kidney disease stage 4 and the risk of contrast nephropathy, the patient and family chose medical management. Treated with aspirin, a clopidogrel load, 48 hours of heparin infusion, metoprolol and high-intensity statin. Chest pain resolved on day 1 and did not recur with ambulation. Creatinine remained at baseline. No heart failure or arrhythmia developed.

DISCHARGE DIAGNOSES:
1. Acute non-ST-elevation myocardial infarction (type 1), medically managed.
2. Atherosclerotic heart disease of native coronary arteries.
3. Hypertensive chronic kidney disease.
4. Chronic kidney disease stage 4.
5. Hyperlipidemia.
6. Former smoker.

DISCHARGE MEDICATIONS: Aspirin 81 mg daily, clopidogrel 75 mg daily, metoprolol succinate 50 mg daily, atorvastatin 80 mg daily, amlodipine 5 mg daily, sublingual nitroglycerin as needed.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Cardiology clinic in 2 weeks; nephrology in 4 weeks; reconsider angiography if angina recurs.

{attending}, attending physician""",
    ),
    Scenario(
        key="diverticulitis",
        name="Sigmoid diverticulitis with abscess and percutaneous drainage",
        service_line="General Surgery",
        ages=(40, 80),
        sexes="MF",
        los=(3, 6),
        charges=(34_000, 68_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06"),
        payers=("Medicare", "Medicare Advantage", "Commercial", "Medicaid"),
        pdx=("K57.20", "Y"),
        sdx=(("I10", "Y"), ("E78.5", "Y"), ("E66.811", "Y"), ("Z68.33", "1"), ("Z87.891", "1")),
        procedures=(("0W9G30Z", 1),),
        summary="""\
REASON FOR ADMISSION: Sigmoid diverticulitis with pericolic abscess.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension, hyperlipidemia and class 1 obesity, a former smoker, who presented with four days of left lower quadrant pain, fever and anorexia. One prior episode of uncomplicated diverticulitis two years ago was treated as an outpatient.

PERTINENT FINDINGS: Temperature 38.5 C, HR 102, BP 142/86, BMI 33.4. Left lower quadrant tenderness with localized guarding, no generalized peritonitis. WBC 17.2, CRP 188 mg/L, lactate 1.2, creatinine 0.9. CT abdomen and pelvis: sigmoid diverticulitis with a contained perforation and a 5.2 cm rim-enhancing pericolic abscess containing a few locules of gas; no free intraperitoneal air.

HOSPITAL COURSE: Treated with intravenous piperacillin-tazobactam and bowel rest. On {procedure_date} {surgeon} performed CT-guided percutaneous drainage of the abscess, leaving a 10 French drain; 45 mL of pus was aspirated and cultures grew mixed enteric flora. Fever and pain resolved within 48 hours and the diet was advanced. Follow-up CT on day 4 showed near-complete resolution of the collection, and the drain was removed before discharge. Antibiotics were changed to oral amoxicillin-clavulanate.

DISCHARGE DIAGNOSES:
1. Diverticulitis of the sigmoid colon with contained perforation and pericolic abscess, without bleeding, status post percutaneous drainage.
2. Essential hypertension.
3. Hyperlipidemia.
4. Obesity, class 1, BMI 33.4.
5. Former smoker.

DISCHARGE MEDICATIONS: Amoxicillin-clavulanate 875 mg twice daily for 10 days, acetaminophen as needed, lisinopril 20 mg daily, atorvastatin 20 mg daily, psyllium daily once recovered.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. General surgery clinic in 2 weeks to discuss elective sigmoid colectomy; colonoscopy in 6 to 8 weeks.

{attending}, attending physician""",
        op_note="""\
PROCEDURE NOTE: CT-GUIDED PERCUTANEOUS ABSCESS DRAINAGE
Date of procedure: {procedure_date}
Interventional radiologist: {surgeon}
Indication: 5.2 cm pericolic abscess from perforated sigmoid diverticulitis in {patient}, {age}.
Anesthesia: Moderate sedation with midazolam and fentanyl, local lidocaine.

Findings: Rim-enhancing gas-containing collection in the left lower quadrant peritoneal cavity adjacent to the sigmoid colon; 45 mL of foul-smelling pus aspirated.

Description: With the patient supine, a safe anterior left lower quadrant window avoiding bowel and the inferior epigastric vessels was chosen on CT. After sterile preparation and local anesthesia an 18-gauge needle was advanced into the collection under CT guidance, a guidewire placed, the tract dilated, and a 10 French locking pigtail drainage catheter positioned in the abscess cavity within the peritoneal cavity. The cavity was aspirated and flushed, and a sample was sent for culture. Post-procedure CT showed near-complete collapse of the cavity. The catheter was secured and left to bulb suction.

Estimated blood loss: Minimal.
Disposition: Returned to the surgical floor in stable condition.""",
    ),
    Scenario(
        key="hyponatremia",
        name="Thiazide-induced hyponatremia",
        service_line="Hospital Medicine",
        ages=(70, 95),
        sexes="F",
        los=(2, 5),
        charges=(14_000, 32_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06"),
        payers=("Medicare", "Medicare Advantage"),
        pdx=("E87.1", "Y"),
        sdx=(("T50.2X5A", "Y"), ("I10", "Y"), ("M81.0", "Y"), ("Z79.83", "1"), ("E78.5", "Y")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Severe hyponatremia.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertension, age-related osteoporosis on alendronate and hyperlipidemia whose physician started hydrochlorothiazide 25 mg daily three weeks ago for blood pressure. She presented with three days of fatigue and poor appetite; she took the medication exactly as prescribed. She is alert and oriented with a normal neurologic exam.

PERTINENT FINDINGS: BP 128/70, HR 78, euvolemic on exam. Sodium 118 mmol/L, potassium 3.6, serum osmolality 252 mOsm/kg, urine osmolality 380 mOsm/kg, urine sodium 62 mmol/L, glucose 98, TSH and morning cortisol normal, creatinine 0.7. Chest x-ray normal.

HOSPITAL COURSE: Hydrochlorothiazide was stopped. With mild symptoms and a low risk of seizure, sodium was corrected slowly with fluid restriction and cautious isotonic saline, keeping the rise under 8 mmol/L per 24 hours with sodium checks every 4 hours: 118, 124, 129, then 134 mmol/L on the day of discharge. Symptoms resolved. Amlodipine replaced the thiazide for blood pressure. Alendronate and atorvastatin were continued, and the patient was counseled to avoid thiazide diuretics in the future.

DISCHARGE DIAGNOSES:
1. Hyponatremia, severe, due to hydrochlorothiazide.
2. Adverse effect of thiazide diuretic taken as prescribed.
3. Essential hypertension.
4. Age-related osteoporosis without current fracture, on long-term alendronate.
5. Hyperlipidemia.

DISCHARGE MEDICATIONS: Amlodipine 5 mg daily (new), alendronate 70 mg weekly, calcium with vitamin D daily, atorvastatin 20 mg daily. Stop hydrochlorothiazide.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Basic metabolic panel in 2 to 3 days; primary care in one week.

{attending}, attending physician""",
    ),
    Scenario(
        key="chf_exac",
        name="Acute on chronic diastolic heart failure",
        service_line="Cardiology",
        ages=(60, 92),
        sexes="MF",
        los=(3, 6),
        charges=(28_000, 60_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01", "06", "03"),
        payers=("Medicare", "Medicare Advantage"),
        pdx=("I11.0", "Y"),
        sdx=(("I50.33", "Y"), ("I48.21", "Y"), ("Z79.01", "1"), ("E11.9", "Y"), ("Z79.84", "1"), ("G47.33", "Y")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Acute on chronic diastolic heart failure.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypertensive heart disease and heart failure with preserved ejection fraction, permanent atrial fibrillation on apixaban, type 2 diabetes on oral agents and obstructive sleep apnea on CPAP who presented with five days of increasing dyspnea, orthopnea, paroxysmal nocturnal dyspnea and leg swelling, with a 3 kg weight gain.

PERTINENT FINDINGS: BP 172/88, HR 96 in atrial fibrillation, RR 22, SpO2 92% on room air. Elevated jugular venous pressure, bibasilar crackles, 2+ pitting edema. BNP 1,150 pg/mL, troponin normal, creatinine 1.0 (eGFR 68), potassium 4.1, HbA1c 7.1%. Chest x-ray: pulmonary vascular congestion and small bilateral effusions. Echocardiogram: LVEF 60%, concentric left ventricular hypertrophy, elevated filling pressures.

HOSPITAL COURSE: Treated with intravenous furosemide 40 mg twice daily with net negative 4.2 L and resolution of orthopnea; oxygen was weaned on day 2. Blood pressure was brought under control by increasing losartan. Ventricular rate was controlled with metoprolol. Empagliflozin was added for heart failure and diabetes, and metformin continued. Apixaban was continued without interruption. CPAP was used nightly.

DISCHARGE DIAGNOSES:
1. Acute on chronic diastolic (congestive) heart failure, HFpEF.
2. Hypertensive heart disease with heart failure.
3. Permanent atrial fibrillation, rate controlled, on long-term apixaban.
4. Type 2 diabetes mellitus without complications, on long-term oral agents.
5. Obstructive sleep apnea on CPAP.

DISCHARGE MEDICATIONS: Torsemide 20 mg daily, empagliflozin 10 mg daily (new), losartan 100 mg daily, metoprolol succinate 100 mg daily, apixaban 5 mg twice daily, metformin 1,000 mg twice daily.

DISPOSITION AND FOLLOW-UP: Discharged in stable condition with the post-acute services arranged by case management. Daily weights with a 2 g sodium diet. Heart failure clinic in 7 days with a basic metabolic panel.

{attending}, attending physician""",
    ),
    Scenario(
        key="pyelonephritis",
        name="Acute pyelonephritis",
        service_line="Hospital Medicine",
        ages=(20, 50),
        sexes="F",
        los=(2, 4),
        charges=(14_000, 30_000),
        admission_type="1",
        point_of_origin="1",
        dispositions=("01",),
        payers=("Medicaid", "Commercial", "Self-pay"),
        pdx=("N10", "Y"),
        sdx=(("B96.20", "Y"), ("E03.9", "Y"), ("F41.1", "Y"), ("Z79.3", "1")),
        procedures=(),
        summary="""\
REASON FOR ADMISSION: Acute pyelonephritis.

HISTORY OF PRESENT ILLNESS: {patient} is a {age}-year-old {sex_word} with hypothyroidism and generalized anxiety disorder, on a combined oral contraceptive, who presented with two days of fever, rigors, right flank pain, dysuria and nausea, and could not keep down oral antibiotics.

PERTINENT FINDINGS: Temperature 38.9 C, HR 88, BP 118/72. Right costovertebral angle tenderness. WBC 13.8, lactate 1.0, creatinine 0.8. Urine pregnancy test negative. Urinalysis: positive nitrite, large leukocyte esterase, WBC casts. Urine culture: more than 100,000 CFU/mL Escherichia coli, susceptible to ceftriaxone and ciprofloxacin. Blood cultures: no growth. Renal ultrasound: no hydronephrosis, stone or abscess. Sepsis was considered and not present: no hypotension, normal lactate and no organ dysfunction.

HOSPITAL COURSE: Treated with intravenous ceftriaxone, fluids and antiemetics. Fever resolved within 48 hours, flank pain improved and oral intake returned. Antibiotics were changed to oral ciprofloxacin based on susceptibilities to complete 7 days. Levothyroxine and sertraline were continued; anxiety was well controlled.

DISCHARGE DIAGNOSES:
1. Acute pyelonephritis, right, due to Escherichia coli.
2. Hypothyroidism.
3. Generalized anxiety disorder.
4. Long-term use of hormonal contraceptive.

DISCHARGE MEDICATIONS: Ciprofloxacin 500 mg twice daily for 5 more days, levothyroxine 75 mcg daily, sertraline 100 mg daily, norgestimate-ethinyl estradiol daily, ondansetron 4 mg as needed.

DISPOSITION AND FOLLOW-UP: Discharged home in stable condition. Primary care in one week. Return for recurrent fever, vomiting or worsening flank pain.

{attending}, attending physician""",
    ),
)
