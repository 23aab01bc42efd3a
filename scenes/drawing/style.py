"""Every size, place and pace of the video, named once.

Legibility floor: 480p full screen shows 8 units of frame height; no text is smaller than 1/40 of it
(digits 0.2 units tall, which a DecimalNumber reaches at font size 28).
"""

from __future__ import annotations

# --- font sizes ---------------------------------------------------------------------------------
LABEL_SIZE = 28  # numbers on the diagram, factors under braces, axis names: the legibility floor
SQUEEZED_LABEL_SIZE = 26  # a line of words a little too wide at LABEL_SIZE may be set this small, and no smaller
TABLE_SIZE = 32  # the numbers of a small weight/gradient table, larger than the floor where its columns fit
TABLE_ROOMY_SIZE = 40  # a weight/gradient pair table's numbers where the panel has room (digits 17 px at 480p)
TEXT_SIZE = 30  # short sentences and names in a box
SMALL_FORMULA_SIZE = 32  # rows of the config summary and the epilogue's labels
FORMULA_SIZE = 34  # formula rows in the panel (digits 0.24 units tall)
CHART_SIZE = 40  # the epilogue's charts (axis numbers, η, E, ŷ): digits 17 px at 480p, as tall as the 28-pt words
# beside them (at 34 they were 14 px, read as ~10 px in a lecture hall: lecturer review 10, D3)
RULE_SIZE = 36  # a general rule (δ = …, the loss) before its numbers
EMPHASIS_SIZE = 38  # E before / after, the chain rule's symbolic line
STEP_TITLE_SIZE = 40  # "Step 2 · Error calculation"
SYMBOL_SIZE = 34  # x₁ … and ŷ₁ … beside the diagram
COLUMN_TITLE_SIZE = 28  # "input", "hidden", "output" over the columns
SUBTITLE_SIZE = 34  # the line under the video's title
VIDEO_TITLE_SIZE = 72  # "Backpropagation"
QUESTION_SIZE = 40  # a "Check yourself" question
COUNTDOWN_SIZE = 48  # the countdown's seconds, inside its ring

# --- the frame ------------------------------------------------------------------------------------
FRAME_HALF_HEIGHT = 4.0  # manim's 16:9 frame, 8 units high
FRAME_HALF_WIDTH = FRAME_HALF_HEIGHT * 16 / 9  # … and 14.2 wide
# The lowest 12 % of the frame is where a video player draws the subtitles (two lines, ~60 px of 480): nothing the
# video shows goes below SAFE_BOTTOM (the one home of that margin).
SUBTITLE_STRIP = 0.12
SAFE_BOTTOM = -FRAME_HALF_HEIGHT + 2 * FRAME_HALF_HEIGHT * SUBTITLE_STRIP
# A player, a projector or a TV may crop the sides: nothing the video shows comes nearer a side than SAFE_MARGIN
# (as the step titles keep from the corner; 2.8 % of the width, 24 px at 480p), so no line ends at the frame's edge.
SAFE_MARGIN = 0.4
SAFE_LEFT = -FRAME_HALF_WIDTH + SAFE_MARGIN
SAFE_RIGHT = FRAME_HALF_WIDTH - SAFE_MARGIN
# The diagram on the left, formulas in the panel on the right, the step title at the top left.
DIAGRAM_CENTER = (-3.05, -0.225, 0.0)  # from 2.55 down to SAFE_BOTTOM (+ a hair)
DIAGRAM_WIDTH = 7.6
DIAGRAM_HEIGHT = 5.55
PANEL_LEFT = 1.0
PANEL_RIGHT = SAFE_RIGHT
PANEL_TOP = 2.75
PANEL_BOTTOM = SAFE_BOTTOM
PANEL_WIDTH = PANEL_RIGHT - PANEL_LEFT
PANEL_SPACING = 0.32  # between stacked panel items
TITLE_BUFF = SAFE_MARGIN  # the step title's distance from the corner

# The "Check yourself" quiz: the question under the title, what it gives below, a countdown ring on the right.
QUIZ_LEFT = -6.5
QUIZ_WIDTH = 2 * abs(QUIZ_LEFT)  # the quiz's widest row, centred in the frame
QUESTION_TOP = 2.6
COUNTDOWN_CENTER = (5.2, 0.95, 0.0)  # under the question (its top 0.25 below a one-line question), the key under it
COUNTDOWN_RADIUS = 0.85
COUNTDOWN_STROKE = 8.0

# --- the diagram ----------------------------------------------------------------------------------
NEURON_RADIUS = 0.52  # the smallest neuron; neurons grow to hold their widest number
NEURON_MARGIN = 0.13  # the least gap between a number's box (corners too) and a lit ring's ink (~8 px at 480p; 0.08
# left a five-character negative's minus 4 px from the ring, reading as touching it; a smaller font for it would fall
# under the legibility floor, so the neurons grow instead)
NEURON_STROKE = 2.5
HIGHLIGHT_STROKE = 5.0  # a neuron or edge being computed
FOCUS_STROKE = 6.0  # the focus weight's edge, the output neurons holding ŷ
EDGE_WIDTH = 2.0
PULSE_WIDTH = 6.0
# A lit neuron's outline is drawn half inside the circle (manim strokes are 1/100 unit per unit of width): numbers keep
# NEURON_MARGIN from that ink, not from the circle's line (−0.6093 touched a ringed neuron).
RING_INSET = max(HIGHLIGHT_STROKE, FOCUS_STROKE) / 100 / 2
GRADIENT_MIN_WIDTH, GRADIENT_WIDTH_RANGE = 1.5, 7.0  # edge width = min + range · |g| / (max |g| of the network)
COLUMN_MARGIN = 0.75  # room for the x and ŷ labels beside the outer columns
TITLE_ROOM = 0.9  # room for the column titles above the neurons
MAX_ROW_STEP = 3.0  # neurons of a column are at most this far apart
COLUMN_TITLE_GAP = 0.75  # column titles above the topmost neuron
# Where along an edge (from its source) a weight label may sit, in order of preference.
LABEL_POSITIONS = (0.3, 0.24, 0.36, 0.42, 0.18, 0.48, 0.54, 0.6, 0.66, 0.72, 0.78)

# --- the epilogue ---------------------------------------------------------------------------------
RATE_PLOT_WIDTH, RATE_PLOT_HEIGHT = 3.9, 3.0  # each of the three learning rates' loss curves
RATE_PANEL_GAP = 0.6  # between the three learning-rate panels
E0_LINE_STROKE = 2.5  # the dashed line at E₀ in each learning-rate panel (thicker than the decade lines)
BARS_WIDTH, BARS_HEIGHT = 9.0, 2.7  # the gradient size per layer (log scale)
BAR_GAP_SHARE = 0.45  # of each bar's slot, left empty between bars
GRID_STROKE = 1.5  # a log-scale line at a power of ten
GRID_MARGIN = 0.1  # a log-scale line stops this far from a bar's label
SENTENCE_WIDTH = 12.4  # a sentence under a chart wraps within this width

# Drawing order (manim sorts by z-index), so animating a neuron or an edge never hides a number.
Z_EDGES, Z_NEURONS, Z_BACKGROUNDS, Z_NUMBERS = 0, 1, 2, 3

# --- pace: run times of animations, in seconds ------------------------------------------------------
RESET = 0.3  # a highlight goes back to rest
FADE = 0.5  # a title, an arrow or a finished panel fades away
SHOW = 0.6  # a small item appears
ROW_IN = 0.7  # a row joins the one above it
SHOW_ROW = 0.8  # a formula row appears, a number flies to its place
FLY = 0.9  # an activation flies from its formula into its neuron
MOVE = 1.0  # several things change at once
PULSE = 1.2  # a signal runs along the edges; numbers fly into a formula
ASSEMBLE = 1.4  # a formula gathers its numbers from the diagram
WRITE = 1.5  # a rule is written out
DRAW_CURVE = 1.6  # a small loss curve is drawn
GROW_BAR = 0.8  # a bar grows to its height
TICK = 2.0  # a step table's weight labels give way to their new values (the old fade out, then the new fade in)
DRAW_LONG_CURVE = 3.0  # the main loss curve is drawn

# --- pace: pauses, in seconds -------------------------------------------------------------------------
BEAT = 0.5  # between two parts of one idea
SETTLE = 0.6  # after a neuron's value has settled
LOOK = 0.8  # at a formula before its result moves
PAUSE = 1.0  # at a finished row
READ_ROW = 1.2  # at a loss term
READ = 1.5  # at a result
READ_FOCUS = 1.8  # at the focus weight's update
READ_LONG = 2.0  # at a finished panel
READ_GRADIENTS = 2.5  # at a layer's gradients
READ_ALL = 3.0  # at a summary that closes a step
THINK = 5  # seconds the countdown gives to predict a quiz answer (one tick per second)

# --- the long chain (the first layer's gradient as a sum over paths) ---------------------------------
CHAIN_COLUMN_GAP = 0.14  # between a factor's column and the · beside it
CHAIN_ROW_GAP = 0.3  # between two rows of factors (or of a sum's terms)
CHAIN_VALUE_BUFF = 0.12  # a factor's value under its symbol
SUM_TERMS_SHOWN = 3  # a sum of more path products shows this many, ⋯, and the last
