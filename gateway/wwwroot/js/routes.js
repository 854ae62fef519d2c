// The gateway routes the pages use, in one place.
import { query } from './api.js';

const enc = encodeURIComponent;

export const routes = {
  institutions: '/api/v1/institutions',
  audit: q => `/api/v1/audit${query(q)}`,
  auditCsv: q => `/api/v1/audit.csv${query(q)}`,
  devTokens: '/api/v1/dev/tokens',

  reporting: {
    forms: '/api/v1/reporting/forms',
    form: id => `/api/v1/reporting/forms/${enc(id)}`,
    formVersions: id => `/api/v1/reporting/forms/${enc(id)}/versions`,
    formComparison: (id, q) => `/api/v1/reporting/forms/${enc(id)}/comparison${query(q)}`,
    stationReports: (station, q) => `/api/v1/reporting/stations/${enc(station)}/reports${query(q)}`,
    draft: (station, formId, periodStart) => `/api/v1/reporting/stations/${enc(station)}/reports/${enc(formId)}/${enc(periodStart)}`,
    report: id => `/api/v1/reporting/reports/${enc(id)}`,
    submit: id => `/api/v1/reporting/reports/${enc(id)}/submit`,
    approve: id => `/api/v1/reporting/reports/${enc(id)}/approve`,
    return: id => `/api/v1/reporting/reports/${enc(id)}/return`,
    history: id => `/api/v1/reporting/reports/${enc(id)}/history`,
    reviewQueue: q => `/api/v1/reporting/review-queue${query(q)}`,
    completeness: q => `/api/v1/reporting/completeness${query(q)}`,
    aggregates: q => `/api/v1/reporting/aggregates${query(q)}`,
    aggregatesCsv: q => `/api/v1/reporting/aggregates.csv${query(q)}`,
  },

  training: {
    curricula: '/api/v1/training/curricula',
    trainers: q => `/api/v1/training/trainers${query(q)}`,
    sessions: q => `/api/v1/training/sessions${query(q)}`,
    session: id => `/api/v1/training/sessions/${enc(id)}`,
    enrolments: id => `/api/v1/training/sessions/${enc(id)}/enrolments`,
    attendance: (id, day) => `/api/v1/training/sessions/${enc(id)}/attendance/${enc(day)}`,
    results: (id, serviceNumber) => `/api/v1/training/sessions/${enc(id)}/enrolments/${enc(serviceNumber)}/results`,
    issue: (id, serviceNumber) => `/api/v1/training/sessions/${enc(id)}/enrolments/${enc(serviceNumber)}/certificate`,
    certificates: q => `/api/v1/training/certificates${query(q)}`,
    verify: code => `/api/v1/certificates/verify/${enc(code)}`,
    dueForRecertification: q => `/api/v1/training/work-lists/due-for-recertification${query(q)}`,
  },

  structure: {
    institutionUnits: (institution, q) => `/api/v1/institutions/${enc(institution)}/units${query(q)}`,
    units: '/api/v1/units',
    unit: id => `/api/v1/units/${enc(id)}`,
    focalPointsUnder: (unit, q) => `/api/v1/units/${enc(unit)}/focal-points${query(q)}`,
    personnel: (unit, q) => `/api/v1/units/${enc(unit)}/personnel${query(q)}`,
    appoint: '/api/v1/focal-points',
    endAppointment: id => `/api/v1/focal-points/${enc(id)}/end`,
    bodies: q => `/api/v1/bodies${query(q)}`,
    body: id => `/api/v1/bodies/${enc(id)}`,
    meetings: body => `/api/v1/bodies/${enc(body)}/meetings`,
    held: meeting => `/api/v1/meetings/${enc(meeting)}/held`,
  },

  dashboard: (institution, q) => `/api/v1/dashboards/${enc(institution)}${query(q)}`,
};
