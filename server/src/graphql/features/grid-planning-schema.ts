/**
 * The GraphQL contract of the grid planner (issue 6). Kept apart from the resolvers so that the
 * /plan screen can be built against it while the server side changes; the names are stable.
 * docs/grid-planning.md explains the model: the browser sends the complete proposed set of grids
 * of one village, and the server judges that partition.
 */
export const gridPlanningTypeDefs = /* GraphQL */ `
  "How bad a broken planning rule is."
  enum GridIssueSeverity {
    "Blocks saving."
    error
    "Saving needs confirmWarnings: true."
    warning
  }

  """
  A planning rule a proposal breaks. code is stable, for the client to act on: INVALID_GEOMETRY,
  MALFORMED_GEOMETRY, MULTIPART, OUTSIDE_VILLAGE, OVERLAP, GAP, TOO_SMALL, UNKNOWN_CODE,
  DUPLICATE_CODE, NO_GRIDS, TOO_MANY_VERTICES, BAD_ATTRIBUTE, SERIALS_EXHAUSTED (errors);
  HOUSEHOLDS_OUT_OF_RANGE, LOW_COMPACTNESS (warnings).
  """
  type GridIssue {
    "Stable machine-readable rule code."
    code: String!
    "Error (blocks saving) or warning (needs confirmation)."
    severity: GridIssueSeverity!
    "What is wrong, in English words (for logs); a client says it in its own language from code and params."
    message: String!
    "The facts the message states, for a client to say it in its own words."
    params: GridIssueParams!
    "Index in input.grids of the grid concerned; null when it concerns the village as a whole."
    gridIndex: Int
    "The other grid of an OVERLAP."
    otherGridIndex: Int
    "Where, as [lon, lat] (a point inside the gap, overlap, outside part, or the invalid spot)."
    location: [Float!]
    "The measured value the rule judged (square metres, households or compactness), when numeric."
    value: Float
  }

  """
  The facts of a GridIssue, each present where its code states it. Grids are numbered as people
  count them: grid 1 is input.grids[0] (gridIndex 0).
  """
  type GridIssueParams {
    "The grid concerned, 1 for the first (gridIndex + 1)."
    grid: Int
    "The other grid of an OVERLAP or DUPLICATE_CODE, 1 for the first."
    otherGrid: Int
    """
    Which cause, for codes with several: INVALID_GEOMETRY self_intersection, collapsed_ring,
    bad_hole, not_closed, bad_coordinate or invalid; BAD_ATTRIBUTE counts, name_length or
    name_text; NO_GRIDS none or too_many.
    """
    problem: String
    "The ring of a collapsed_ring, 1 for the outer ring."
    ring: Int
    "Square metres measured: outside the village (OUTSIDE_VILLAGE), of the grid (TOO_SMALL), overlapping (OVERLAP) or uncovered (GAP)."
    squareMeters: Float
    "The smallest area a grid may have (TOO_SMALL)."
    minSquareMeters: Float
    "The uncovered area tolerated (GAP)."
    toleranceSquareMeters: Float
    "The grid's households (HOUSEHOLDS_OUT_OF_RANGE)."
    households: Int
    "The least households or the most (HOUSEHOLDS_OUT_OF_RANGE); max also the most vertices, grids or name characters."
    min: Int
    max: Int
    "Polsby–Popper compactness and the threshold below which it warns (LOW_COMPACTNESS)."
    compactness: Float
    threshold: Float
    "Separate parts (MULTIPART), vertices (TOO_MANY_VERTICES), grids sent (NO_GRIDS too_many)."
    parts: Int
    vertices: Int
    count: Int
    "The grid code named (UNKNOWN_CODE, DUPLICATE_CODE)."
    gridCode: String
    "The village whose serials ran out (SERIALS_EXHAUSTED)."
    village: String
  }

  "One grid of the village as it would be after the change."
  input GridPlanInput {
    "The current grid this polygon reshapes (it keeps its code); null for a new grid (it gets the next free serial)."
    code: ID
    "The boundary, a GeoJSON Polygon in WGS-84 (a MultiPolygon of one part is accepted)."
    geometry: GeoJSON!
    "Name; default: the current grid's name, or the village name + serial for a new grid."
    name: String
    "Kind; default: the current grid's kind, or comprehensive."
    kind: GridKind
    "Households when the planner knows them; null: estimated area-weighted from the current grids."
    households: Int
    "Population when the planner knows it; null: estimated like households."
    population: Int
  }

  """
  A proposed edit of one village: the complete set of its grids after the edit. A split is two
  polygons where there was one (one keeps the code, or neither); a merge leaves codes out (they are
  retired); a boundary move or redraw reshapes polygons that keep their codes.
  """
  input GridChangeInput {
    "The 12-digit village (community) code."
    villageCode: ID!
    "Every grid of the village after the edit; at most 200."
    grids: [GridPlanInput!]!
  }

  "A grid version the client read; commit refuses (CONFLICT) when it is no longer current."
  input GridVersionInput {
    "Grid code."
    code: ID!
    "The version read."
    version: Int!
  }

  "What kind of change, as the server classifies it."
  enum GridChangeKind {
    "Same codes, boundaries moved or redrawn."
    reshape
    "More grids than before, none retired."
    split
    "Fewer grids than before, none new."
    merge
    "Grids both added and retired."
    mixed
    "Undoes an earlier change."
    revert
  }

  "A grid as it would be after the proposed change."
  type ProposedGrid {
    "Index in input.grids."
    index: Int!
    "The code: kept for a reshaped grid, the serial it would get for a new one (final at commit)."
    code: ID!
    "Whether this is a new grid code."
    isNew: Boolean!
    "Name it would have."
    name: String!
    "Kind it would have."
    kind: GridKind!
    "Households: as given, or estimated area-weighted from the current grids."
    households: Int!
    "Population: as given, or estimated likewise."
    population: Int!
    "Whether households and population were estimated rather than given."
    estimated: Boolean!
    "Area in square metres (on the ellipsoid)."
    areaSquareMeters: Float!
    "Perimeter in metres (on the ellipsoid)."
    perimeterMeters: Float!
    "Polsby–Popper compactness 4πA/P²: 1 for a circle, near 0 for a sliver."
    compactness: Float!
    "The boundary as the server would store it (duplicate vertices dropped, RFC 7946 winding)."
    geometry: GeoJSON!
  }

  "What a grid assignment is of."
  enum GridItemKind {
    "An open case (closed cases keep the grid they were reported in)."
    case
    "A camera."
    camera
    "A risk point."
    riskPoint
  }

  "Something that would change grid."
  type GridAssignmentMove {
    "Case, camera or risk point."
    kind: GridItemKind!
    "Case code, camera id or risk point id."
    id: ID!
    "Grid it is in now."
    fromGridCode: ID!
    "Grid it would be in."
    toGridCode: ID!
  }

  "The stability index (0–100) of a reshaped, new or retired grid before and after the change, for the last closed month (see indexNote)."
  type GridIndexChange {
    "Grid code after the change; a retired grid's old code."
    gridCode: ID!
    "reshaped, new or retired."
    status: String!
    "Index before: the published score of the month, else computed from the current data; null for a new grid or when there is nothing to score."
    before: Float
    "Index after, recomputed for the proposed boundary over the same month; null for a retired grid or when there is nothing to score."
    after: Float
  }

  "What a change would do beyond the boundaries."
  type GridChangeImpact {
    "Every case, camera and risk point that would change grid."
    moves: [GridAssignmentMove!]!
    "Open cases that would change grid."
    casesMoved: Int!
    "Cameras that would change grid."
    camerasMoved: Int!
    "Risk points that would change grid."
    riskPointsMoved: Int!
    "Households that would end up in a grid with another code (area-weighted estimate)."
    householdsMoved: Int!
    "Codes kept with a new boundary."
    reshapedCodes: [ID!]!
    "Codes that would be created."
    newCodes: [ID!]!
    "Codes that would be retired (never reused)."
    retiredCodes: [ID!]!
    "The index of every reshaped, new and retired grid before/after (unchanged grids are left out); null where it is not computed (see indexNote)."
    index: [GridIndexChange!]
    "What before and after mean: the period, the weights version, published or computed."
    indexNote: String
  }

  "The server's verdict on a proposal; nothing is written."
  type GridChangeProposal {
    "True when there are no errors (warnings may remain)."
    valid: Boolean!
    "Kind of change."
    kind: GridChangeKind!
    "Every broken rule, errors first."
    issues: [GridIssue!]!
    "The grids after the change, in input order; empty when the geometry could not be measured."
    grids: [ProposedGrid!]!
    "Impact; null when the geometry has errors that prevent measuring it."
    impact: GridChangeImpact
    "The current grid versions the proposal was judged against; send them as expectedVersions."
    baseVersions: [GridVersion!]!
  }

  "A grid code and version."
  type GridVersion {
    "Grid code."
    code: ID!
    "Version number."
    version: Int!
  }

  "A grid version as recorded in a change."
  type GridChangeGrid {
    "Grid code."
    code: ID!
    "Version."
    version: Int!
    "Name."
    name: String!
    "Households."
    households: Int!
    "Population."
    population: Int!
    "Area in square metres."
    areaSquareMeters: Float!
    "The boundary of this version (GeoJSON Polygon, WGS-84), simplified by simplifyMeters (0 to 100; default 0)."
    geometry(simplifyMeters: Float): GeoJSON!
  }

  "One committed change of a village's grids: who, what, when and why, with the map before and after."
  type GridChange {
    "Change id."
    id: ID!
    "Village code."
    villageCode: ID!
    "Kind of change."
    kind: GridChangeKind!
    "Username of the planner."
    author: String!
    "When it was committed."
    at: DateTime!
    "Why (required at commit)."
    reason: String!
    "When the new grid versions took effect."
    effectiveFrom: DateTime!
    "The change this one reverts, if it is a revert."
    revertsChangeId: ID
    "The change that reverted this one, if any."
    revertedByChangeId: ID
    "Grid versions this change closed (the map before)."
    before: [GridChangeGrid!]!
    "Grid versions this change created (the map after)."
    after: [GridChangeGrid!]!
    "Open cases that changed grid."
    casesMoved: Int!
    "Cameras that changed grid."
    camerasMoved: Int!
    "Risk points that changed grid."
    riskPointsMoved: Int!
    "Households moved (estimate at commit)."
    householdsMoved: Int!
  }

  "The thresholds the planning rules use (stored in settings key grid_planning)."
  type GridPlanningSettings {
    "Fewest households per grid without a warning."
    householdsMin: Int!
    "Most households per grid without a warning."
    householdsMax: Int!
    "Smallest grid area in square metres (error below)."
    minAreaSquareMeters: Float!
    "Polsby–Popper compactness below which a warning is given."
    compactnessWarnBelow: Float!
    "Largest total uncovered area of the village, square metres."
    gapToleranceSquareMeters: Float!
    "Largest overlap between two grids, and largest area of a grid outside the village, square metres."
    overlapToleranceSquareMeters: Float!
  }

  "A current grid as the planner edits it."
  type PlanningGrid {
    "The grid, with its counts (households, population, open cases, cameras)."
    grid: Grid!
    "The boundary at full precision (GeoJSON Polygon), so that shared edges match exactly."
    geometry: GeoJSON!
    "Area in square metres."
    areaSquareMeters: Float!
    "Polsby–Popper compactness."
    compactness: Float!
  }

  "A village as the planner starts from."
  type GridPlanningBase {
    "Village code."
    villageCode: ID!
    "Village name."
    villageName: String!
    "The village boundary at full precision (GeoJSON MultiPolygon)."
    villageGeometry: GeoJSON!
    "Its current grids."
    grids: [PlanningGrid!]!
    "Send these as expectedVersions when committing."
    baseVersions: [GridVersion!]!
  }

  extend type Query {
    "A village and its current grids, to start planning from. Needs edit_grids, inside your jurisdiction."
    gridPlanningBase(villageCode: ID!): GridPlanningBase!
    "Judges a proposed change: validation and impact, nothing written. Needs edit_grids, inside your jurisdiction."
    proposeGridChange(input: GridChangeInput!): GridChangeProposal!
    "Committed changes of a village, newest first (at most first, default 50, max 200)."
    gridChanges(villageCode: ID!, first: Int): [GridChange!]!
    "One committed change, or null when there is none inside your jurisdiction."
    gridChange(id: ID!): GridChange
    "The thresholds of the planning rules (the browser mirror uses the same)."
    gridPlanningSettings: GridPlanningSettings!
    """
    Cuts a polygon with a line (ST_Split): the pieces, largest first. The line must cross the
    polygon from outside to outside. Needs edit_grids.
    """
    splitGridGeometry(polygon: GeoJSON!, line: GeoJSON!): [GeoJSON!]!
    "Unions adjacent polygons into one (ST_Union); refused when they do not make one polygon. Needs edit_grids."
    mergeGridGeometries(polygons: [GeoJSON!]!): GeoJSON!
  }

  "A committed change of a village's grids: refetch the village's grids."
  type GridsChangedEvent {
    "Village whose grids changed."
    villageCode: ID!
    "The committed change (see gridChange)."
    changeId: ID!
    "Kind of change (split, merge, reshape, revert…)."
    kind: String!
    "Who committed it."
    author: String!
    "When it was committed."
    at: DateTime!
  }

  extend type Subscription {
    """
    Grid changes committed (or reverted) inside your jurisdiction (and inside unitCode when
    given), after their transaction committed. Events missed while disconnected are not replayed:
    refetch the grids after a reconnect.
    """
    gridsChanged(unitCode: ID): GridsChangedEvent!
  }

  extend type Mutation {
    """
    Applies a proposal in one transaction: new grid versions valid from effectiveFrom (default now;
    not in the future), old versions closed, codes kept for reshaped grids and new serials for new
    ones, open cases, cameras and risk points reassigned (closed cases keep their grid).
    expectedVersions: every current grid version of the village you read (baseVersions of the
    proposal); CONFLICT naming the change that landed first when any is stale. Errors refuse;
    warnings need confirmWarnings: true. Needs edit_grids inside your jurisdiction.
    """
    commitGridChange(
      input: GridChangeInput!
      expectedVersions: [GridVersionInput!]!
      effectiveFrom: DateTime
      reason: String!
      confirmWarnings: Boolean
    ): GridChange!
    """
    Undoes a change by committing a new one that restores the grids it closed and retires the new
    codes it made. Refused (CONFLICT) when a grid it created has changed since, or it was already
    reverted. Needs edit_grids inside your jurisdiction.
    """
    revertGridChange(id: ID!, reason: String!): GridChange!
  }
`;
