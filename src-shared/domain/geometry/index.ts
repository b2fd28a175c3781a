// Geometry of step 4's analysis (pure; runs anywhere): plane geometry in plan pixels, the plan's
// calibration and exact areas, undo/redo history, the Garmushka measurement document and the GIS
// screenshot annotations.
export * from './plane.ts';
export * from './calibration.ts';
export * from './history.ts';
export * from './measurement.ts';
export * from './gis.ts';
