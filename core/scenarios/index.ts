/** Scenario loading and step-option validation. See docs/scenarios.md for the file format. */
export { loadScenarios, scenarioSchema, type LoadScenariosOptions } from './load.js';
export { checkStepOptions, isExactExpression, validateStepOptions, type StepOptionsProblem } from './step-options.js';
export type { PlannedStep, ScenarioPlan } from './types.js';
