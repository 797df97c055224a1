"""Authoring aid: compute the illustrations' joint positions and write data/exercises-poses.json.

    python scripts/make_exercises_poses.py

Forward and inverse kinematics at fixed segment lengths, so every figure has the same body at
the same scale. Units: metres for an adult about 1.7 m tall. x along the floor (side views face
right, lying figures have their feet to the right), y up (floor at 0), z towards the viewer
(near limbs at +z). Side-lying figures face the viewer (seen from the front).
Not part of make generate: the data file is the source, this script only helps to author it.
"""

import json
import math
from pathlib import Path

L = {"torso": 0.55, "neck_head": 0.19, "upper_arm": 0.3, "forearm": 0.27, "thigh": 0.45, "shin": 0.44, "foot": 0.16}
HIP_Z, SHOULDER_Z = 0.09, 0.17  # half the distance between the hips and between the shoulders


def add(a, b):
    return tuple(x + y for x, y in zip(a, b))


def sub(a, b):
    return tuple(x - y for x, y in zip(a, b))


def mul(a, k):
    return tuple(x * k for x in a)


def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def norm(a):
    return math.sqrt(dot(a, a))


def unit(a):
    return mul(a, 1 / norm(a))


def cross(a, b):
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def at(p, ang, length, z=None):
    """The point ``length`` from ``p`` at ``ang`` degrees in the x-y plane (same z unless given)."""
    a = math.radians(ang)
    return (p[0] + length * math.cos(a), p[1] + length * math.sin(a), p[2] if z is None else z)


def mid_joint(a, b, l1, l2, pole):
    """The middle joint of a two-segment chain from a to b, bent towards direction ``pole``."""
    d = sub(b, a)
    dist = min(norm(d), l1 + l2 - 1e-6)
    u = unit(d)
    x = (dist * dist + l1 * l1 - l2 * l2) / (2 * dist)
    h = math.sqrt(max(l1 * l1 - x * x, 0.0))
    w = sub(pole, mul(u, dot(pole, u)))
    return add(add(a, mul(u, x)), mul(unit(w), h))


def rotate(p, origin, axis, ang):
    """Rodrigues' rotation of p about the line through origin along axis, by ang degrees."""
    k = unit(axis)
    v = sub(p, origin)
    a = math.radians(ang)
    r = add(add(mul(v, math.cos(a)), mul(cross(k, v), math.sin(a))), mul(k, dot(k, v) * (1 - math.cos(a))))
    return add(origin, r)


def torso(pelvis, ang, head_ang):
    """Hips, neck, shoulders and head for a torso in the x-y plane (side views)."""
    px, py, pz = pelvis
    neck = at(pelvis, ang, L["torso"])
    return {
        "hip": (px, py, pz + HIP_Z),
        "hip_f": (px, py, pz - HIP_Z),
        "neck": neck,
        "shoulder": add(neck, (0, 0, SHOULDER_Z)),
        "shoulder_f": add(neck, (0, 0, -SHOULDER_Z)),
        "head": at(neck, head_ang, L["neck_head"]),
    }


def leg(j, side, thigh, shin, foot):
    """A leg in its own x-y plane from angles (degrees from +x)."""
    s = "" if side == "near" else "_f"
    j["knee" + s] = at(j["hip" + s], thigh, L["thigh"])
    j["ankle" + s] = at(j["knee" + s], shin, L["shin"])
    j["toe" + s] = at(j["ankle" + s], foot, L["foot"])


def leg_to(j, side, ankle, pole, foot_dir):
    """A leg whose ankle is placed at ``ankle``; the knee bends towards ``pole``."""
    s = "" if side == "near" else "_f"
    j["ankle" + s] = ankle
    j["knee" + s] = mid_joint(j["hip" + s], ankle, L["thigh"], L["shin"], pole)
    j["toe" + s] = add(ankle, mul(unit(foot_dir), L["foot"]))


def knee_bent_on_floor(j, side, thigh, foot_ang=-12, ankle_y=0.08):
    """Knee bent with the foot flat on the floor; the thigh at ``thigh`` degrees."""
    s = "" if side == "near" else "_f"
    knee = at(j["hip" + s], thigh, L["thigh"])
    dy = ankle_y - knee[1]
    dx = math.sqrt(L["shin"] ** 2 - dy * dy)
    j["knee" + s] = knee
    j["ankle" + s] = (knee[0] + dx, ankle_y, knee[2])
    j["toe" + s] = at(j["ankle" + s], foot_ang, L["foot"])


def arm_to(j, side, wrist, pole):
    s = "" if side == "near" else "_f"
    j["wrist" + s] = wrist
    j["elbow" + s] = mid_joint(j["shoulder" + s], wrist, L["upper_arm"], L["forearm"], pole)


def arm(j, side, upper, fore):
    s = "" if side == "near" else "_f"
    j["elbow" + s] = at(j["shoulder" + s], upper, L["upper_arm"])
    j["wrist" + s] = at(j["elbow" + s], fore, L["forearm"])


def rnd(j):
    return {k: [round(c, 3) for c in v] for k, v in j.items()}


# ----------------------------------------------------------------------------- lying on the back
def supine(pelvis=(0.0, 0.11, 0.0)):
    j = torso(pelvis, 180, 178)
    knee_bent_on_floor(j, "near", 55)
    knee_bent_on_floor(j, "far", 55)
    arm_to(j, "near", (0.0, 0.05, SHOULDER_Z + 0.02), (0, 0.2, 1))
    arm_to(j, "far", (0.0, 0.05, -SHOULDER_Z - 0.02), (0, 0.2, -1))
    return j


SUP = supine()

# pelvic tilt: the low back flattens and arches a little; one picture, a rocking arrow
TILT = supine()

# glute bridge: shoulders and feet stay; hips rise until shoulder, hip and knee are in line
BRIDGE = supine()
neck, ankle = BRIDGE["neck"], BRIDGE["ankle"]
best = min(
    (abs(norm(sub(at(neck, a / 10, L["torso"] + L["thigh"]), ankle)) - L["shin"]), a / 10) for a in range(0, 600)
)
ang = best[1]
pel = at(neck, ang, L["torso"])
BRIDGE.update(torso(pel, 180 + ang, 178))
BRIDGE["neck"], BRIDGE["head"] = SUP["neck"], SUP["head"]
BRIDGE["shoulder"], BRIDGE["shoulder_f"] = SUP["shoulder"], SUP["shoulder_f"]
for s in ("", "_f"):
    BRIDGE["knee" + s] = at(BRIDGE["hip" + s], ang, L["thigh"])
    BRIDGE["ankle" + s], BRIDGE["toe" + s] = SUP["ankle" + s], SUP["toe" + s]
    BRIDGE["wrist" + s], BRIDGE["elbow" + s] = SUP["wrist" + s], SUP["elbow" + s]

# knee to chest: hands behind the near thigh draw it towards the chest; the far foot stays flat
K2C = supine()
knee_bent_on_floor(K2C, "far", 40)
leg(K2C, "near", 124, -14, 62)
grip = add(at(K2C["hip"], 122, L["thigh"] * 0.8), (0, 0, 0.0))
grip = (grip[0] + 0.05, grip[1] - 0.03, grip[2] + 0.02)
arm_to(K2C, "near", grip, (0, 1, 0.3))
arm_to(K2C, "far", (grip[0], grip[1], -0.02), (0, 1, -0.3))


# figure four: the near (right) ankle rests on the far (left) knee, the near knee turned out
def figure_four(far_thigh, far_shin, hands):
    j = supine()
    leg(j, "far", far_thigh, far_shin, far_shin + 80)
    if far_thigh < 90:
        knee_bent_on_floor(j, "far", far_thigh)
    k = j["knee_f"]
    rest = (k[0] - 0.02, k[1] + 0.06, k[2] + 0.04)  # just below the knee, on top of the thigh
    leg_to(j, "near", rest, (0.8, -0.6, 1.0), (0.15, 0.05, -1.0))
    if hands:
        grip = at(j["hip_f"], far_thigh, L["thigh"] * 0.7)
        arm_to(j, "near", (grip[0], grip[1] - 0.05, 0.0), (-0.2, 1, 0.5))
        arm_to(j, "far", (grip[0], grip[1] - 0.05, -0.12), (-0.2, 1, -0.5))
    return j


FF_START = figure_four(55, 0, False)
FF_HOLD = figure_four(112, 5, True)


# ----------------------------------------------------------------------------- sitting
def seated(torso_ang, head_ang, wrist_x, wrist_y):
    j = torso((0.0, 0.12, 0.0), torso_ang, head_ang)
    leg(j, "near", -2, -1, 80)
    leg(j, "far", -2, -1, 80)
    arm_to(j, "near", (wrist_x, wrist_y, HIP_Z + 0.05), (-1, -0.2, 0.2))
    arm_to(j, "far", (wrist_x, wrist_y, -HIP_Z - 0.05), (-1, -0.2, -0.2))
    return j


SFB_START = seated(88, 90, 0.3, 0.19)
SFB_HOLD = seated(40, 10, 0.72, 0.14)


# pigeon: the near (right) knee forward, its shin across towards the far hand; far leg straight back
def pigeon(torso_ang, head_ang, forearms):
    j = torso((0.0, 0.14, 0.0), torso_ang, head_ang)
    leg_to(j, "near", (0.22, 0.07, -0.3), (1.0, 0.0, 0.6), (-0.6, 0.0, -1.0))
    j["toe"] = (j["toe"][0], 0.04, j["toe"][2])
    leg(j, "far", 188, 180, 182)
    if forearms:  # forearms on the floor, elbows under the shoulders
        for s, z in (("", 1), ("_f", -1)):
            sh = j["shoulder" + s]
            dz, dy = z * 0.03, sh[1] - 0.05
            dx = math.sqrt(L["upper_arm"] ** 2 - dy * dy - dz * dz)
            j["elbow" + s] = (sh[0] + dx, 0.05, sh[2] - dz)
            j["wrist" + s] = (sh[0] + dx + L["forearm"] - 0.005, 0.04, sh[2] - 2 * dz)
    else:
        arm_to(j, "near", (0.5, 0.04, 0.2), (-0.3, 0, 1))
        arm_to(j, "far", (0.5, 0.04, -0.2), (-0.3, 0, -1))
    return j


PIG_START = pigeon(56, 70, False)
PIG_HOLD = pigeon(16, 5, True)

# foam rolling: sitting on a roller under the near buttock, leaning back on the hands, the near
# ankle crossed over the far knee
ROLLER_R = 0.075
FR = torso((0.0, 2 * ROLLER_R + 0.07, 0.0), 140, 100)
FR["hip"] = (0.0, 2 * ROLLER_R + 0.07, HIP_Z)
knee_bent_on_floor(FR, "far", 40, foot_ang=-10)
k = FR["knee_f"]
leg_to(FR, "near", (k[0] - 0.02, k[1] + 0.06, k[2] + 0.04), (0.1, 0.0, 1.0), (0.15, 0.05, -1.0))
arm_to(FR, "near", (-0.55, 0.04, SHOULDER_Z + 0.05), (1, 0, 0))
arm_to(FR, "far", (-0.55, 0.04, -SHOULDER_Z - 0.05), (1, 0, 0))


# ----------------------------------------------------------------------------- hands and knees
def quad(head_ang):
    shoulder_y = 0.03 + L["upper_arm"] + L["forearm"] - 0.01
    hip_y = 0.05 + L["thigh"]
    ang = math.degrees(math.asin((shoulder_y - hip_y) / L["torso"]))
    j = torso((0.0, hip_y, 0.0), ang, head_ang)
    for s in ("near", "far"):
        leg(j, s, -90, 180, 182)
    for s in ("near", "far"):
        sh = j["shoulder" if s == "near" else "shoulder_f"]
        arm_to(j, s, (sh[0], 0.03, sh[2]), (-1, 0, 0))
    return j


CAT = quad(-65)
CAMEL = quad(25)


# ----------------------------------------------------------------------------- standing
def standing(pelvis_y=0.93, knee_soft=0.0):
    j = torso((0.0, pelvis_y, 0.0), 90, 90)
    for s in ("near", "far"):
        leg(j, s, -90 - knee_soft, -90 + knee_soft, -6)
    return j


HIPC = standing(0.92, 8)
for s, z in (("near", 1), ("far", -1)):
    hp = HIPC["hip" if s == "near" else "hip_f"]
    arm_to(HIPC, s, (hp[0] + 0.02, hp[1] + 0.1, hp[2] + z * 0.1), (-0.4, 0, z))

WALK = torso((0.0, 0.9, 0.0), 86, 86)
leg(WALK, "near", -70, -100, 12)  # heel landing in front
leg(WALK, "far", -110, -122, -30)  # pushing off behind
arm(WALK, "near", -112, -95)
arm(WALK, "far", -60, -35)

SQ_STAND = standing()
for s in ("near", "far"):
    arm(SQ_STAND, s, -2, 0)
ankle = SQ_STAND["ankle"]
knee_sq = at(ankle, 62, L["shin"])
hip_sq = at(knee_sq, 172, L["thigh"])
SQ_HOLD = torso((hip_sq[0], hip_sq[1], 0.0), 55, 60)
for s in ("", "_f"):
    SQ_HOLD["knee" + s] = add(knee_sq, (0, 0, SQ_HOLD["hip" + s][2]))
    SQ_HOLD["ankle" + s] = SQ_STAND["ankle" + s]
    SQ_HOLD["toe" + s] = SQ_STAND["toe" + s]
for s in ("near", "far"):
    arm(SQ_HOLD, s, 8, 8)
CHAIR = {"kind": "chair", "seat": [-0.68, -0.24], "seat_y": 0.46, "back_top": 0.95}


# ----------------------------------------------------------------------------- lying on the side
# Lying on the left side, seen from the front and above: the head to the left, the front and
# the bent knees towards the viewer (+z). Near = the top (right) side.
def side_lying():
    j = {
        "hip": (0.0, 0.27, 0.0),
        "hip_f": (0.0, 0.09, 0.0),
        "neck": (-0.55, 0.22, 0.0),
        "shoulder": (-0.55, 0.38, 0.0),
        "shoulder_f": (-0.55, 0.06, 0.0),
    }
    j["head"] = at(j["neck"], 183, L["neck_head"])
    arm(j, "far", 178, 182)  # the lower arm along the floor under the head
    j["elbow_f"] = (j["elbow_f"][0], 0.05, 0.0)
    j["wrist_f"] = (j["elbow_f"][0] - L["forearm"], 0.05, 0.0)
    arm_to(j, "near", (-0.12, 0.36, 0.06), (0.2, 1, -0.4))  # top hand resting on the waist
    return j


def bent_leg(j, side, hip_flex=45, knee_flex=90, ankle_y=None):
    """Hip and knee bent in the floor's plane (towards +z), then the ankle height set."""
    s = "" if side == "near" else "_f"
    hip = j["hip" + s]
    t = math.radians(hip_flex)
    knee = add(hip, (L["thigh"] * math.cos(t), 0, L["thigh"] * math.sin(t)))
    a = math.radians(hip_flex - knee_flex)
    ankle = add(knee, (L["shin"] * math.cos(a), 0, L["shin"] * math.sin(a)))
    if ankle_y is not None:  # keep the lengths: move the knee to reach the lower ankle
        ankle = (ankle[0], ankle_y, ankle[2])
        knee = mid_joint(hip, ankle, L["thigh"], L["shin"], (0.5, 0, 1))
    j["knee" + s], j["ankle" + s] = knee, ankle
    j["toe" + s] = add(ankle, mul(unit((0.9, -0.1, -0.3)), L["foot"]))


CLAM_START = side_lying()
bent_leg(CLAM_START, "far", ankle_y=0.07)
bent_leg(CLAM_START, "near", ankle_y=0.17)
CLAM_START["toe"] = add(CLAM_START["ankle"], mul(unit((0.9, -0.15, -0.3)), L["foot"]))
CLAM_HOLD = dict(CLAM_START)
axis = sub(CLAM_START["ankle"], CLAM_START["hip"])
CLAM_HOLD["knee"] = rotate(CLAM_START["knee"], CLAM_START["hip"], axis, -45)  # upwards

ABD_START = side_lying()
bent_leg(ABD_START, "far", ankle_y=0.07)
leg(ABD_START, "near", -8, -8, -8)
ABD_START["toe"] = add(ABD_START["ankle"], mul(unit((0.3, 0.0, 1)), L["foot"]))  # toes forward
ABD_HOLD = dict(ABD_START)
leg(ABD_HOLD, "near", 32, 32, 32)
ABD_HOLD["toe"] = add(ABD_HOLD["ankle"], mul(unit((0.2, 0.1, 1)), L["foot"]))

# ----------------------------------------------------------------------------- the file
GM, GMED = "gluteus maximus", "gluteus medius"


def muscle(target, region, label_at, side="near"):
    return {"target": target, "region": region, "side": side, "label_at": label_at}


def arrow(a, b, curve=0.0, both=False):
    out = {"from": [round(c, 3) for c in a], "to": [round(c, 3) for c in b], "curve": curve}
    if both:
        out["both"] = True
    return out


poses = [
    {
        "id": "pelvic-tilt",
        "view": "side",
        "alt": "A person lying on their back, seen from the side: knees bent, feet flat on the floor, arms by the sides. A curved two-way arrow over the pelvis shows it rocking gently back and forth, pressing the low back into the floor and then letting a small gap open under it. The low back is highlighted and labelled.",
        "panels": [
            {
                "label": "Rock the pelvis gently",
                "joints": rnd(TILT),
                "muscles": [muscle("low back", "low-back", [-0.75, 0.62])],
                "arrows": [arrow((0.12, 0.36), (-0.2, 0.36), 0.5, True)],
            }
        ],
    },
    {
        "id": "cat-camel",
        "view": "side",
        "alt": "Two pictures of a person on hands and knees, seen from the side, hands under the shoulders and knees under the hips. Cat: the back is rounded up towards the ceiling and the head hangs down, with an arrow pointing up at the back. Camel: the back sags a little and the head lifts, with an arrow pointing down. The back is highlighted and labelled in both.",
        "panels": [
            {
                "label": "Cat: round the back up",
                "joints": rnd(CAT),
                "spine_curve": 0.1,
                "muscles": [muscle("whole spine", "back", [-0.55, 1.02])],
                "arrows": [arrow((0.27, 0.8), (0.27, 0.98))],
            },
            {
                "label": "Camel: let it sag a little",
                "joints": rnd(CAMEL),
                "spine_curve": -0.06,
                "muscles": [muscle("whole spine", "back", [-0.55, 1.02])],
                "arrows": [arrow((0.27, 0.95), (0.27, 0.77))],
            },
        ],
    },
    {
        "id": "hip-circles",
        "view": "side",
        "elevation": 12,
        "alt": "A person standing, seen from the side and a little above, knees soft and hands on the hips. An oval arrow around the hips shows them drawing slow circles, like tracing the rim of a bowl. The hips are highlighted and labelled.",
        "panels": [
            {
                "label": "Circle the hips slowly",
                "joints": rnd(HIPC),
                "muscles": [muscle("hip joints", "buttock", [0.3, 1.45])],
                "loops": [{"center": [0.0, 0.88], "size": [0.6, 0.16]}],
            }
        ],
    },
    {
        "id": "walking",
        "view": "side",
        "alt": "A person walking to the right, seen from the side, in mid-stride: the front heel landing and the back foot pushing off, arms swinging opposite to the legs. An arrow points forward. The buttock of the leg that carries the weight is highlighted and labelled.",
        "panels": [
            {
                "label": "Walk at an easy pace",
                "joints": rnd(WALK),
                "muscles": [muscle("glutes", "buttock", [-0.75, 1.3])],
                "arrows": [arrow((0.25, 1.5), (0.62, 1.5))],
            }
        ],
    },
    {
        "id": "knee-to-chest",
        "view": "side",
        "alt": "A person lying on their back, seen from the side. Faded: the start, both knees bent and feet flat. Solid: both hands hold behind the near thigh and draw that knee towards the chest while the other foot stays flat on the floor. A curved arrow shows the knee's path; the buttock and the low back are highlighted and labelled.",
        "panels": [
            {
                "label": "Start (faded), then hold",
                "start": rnd(SUP),
                "joints": rnd(K2C),
                "muscles": [
                    muscle(GM, "buttock", [0.42, 0.8]),
                    muscle("low back muscles", "low-back", [-1.05, 0.62]),
                ],
                "arrows": [arrow((0.32, 0.58), (-0.12, 0.72), 0.35)],
            }
        ],
    },
    {
        "id": "figure-four",
        "view": "side",
        "elevation": 45,
        "alt": "Two pictures of a person lying on their back, seen from the side and above. Start: both knees bent, the near ankle rests across the other knee and the near knee has fallen out to the side. Hold: the hands hold behind the other thigh and draw it towards the chest, lifting the crossed leg with it; a curved arrow shows the movement. The buttock of the crossed leg is highlighted and labelled.",
        "panels": [
            {"label": "Start: ankle over knee", "joints": rnd(FF_START)},
            {
                "label": "Hold: draw the legs in",
                "joints": rnd(FF_HOLD),
                "muscles": [muscle(GM, "buttock", [-1.0, 0.75])],
                "arrows": [arrow((0.5, 0.55), (0.12, 0.75), 0.3)],
            },
        ],
    },
    {
        "id": "seated-forward-bend",
        "view": "side",
        "alt": "A person sitting on the floor with legs straight, seen from the side. Faded: sitting tall, hands on the thighs. Solid: hinging forward from the hips, hands slid along the shins, head and back relaxed. A curved arrow shows the forward bend; the backs of the thighs are highlighted and labelled.",
        "panels": [
            {
                "label": "Sit tall (faded), then hinge forward",
                "start": rnd(SFB_START),
                "joints": rnd(SFB_HOLD),
                "spine_curve": 0.04,
                "muscles": [muscle("hamstrings", "thigh-back", [0.55, 0.95])],
                "arrows": [arrow((0.12, 0.86), (0.58, 0.62), -0.3)],
            }
        ],
    },
    {
        "id": "pigeon-pose",
        "view": "side",
        "elevation": 25,
        "alt": "A person in pigeon pose, seen from the side and a little above: the front knee bent on the floor with its shin angled across the body, the back leg straight behind with the top of the foot down. Faded: upright on the hands. Solid: folded forward onto the forearms. A curved arrow shows the fold; the buttock of the front leg is highlighted and labelled.",
        "panels": [
            {
                "label": "Upright (faded), then fold onto the forearms",
                "start": rnd(PIG_START),
                "joints": rnd(PIG_HOLD),
                "muscles": [muscle(GM, "buttock", [-0.9, 0.8])],
                "arrows": [arrow((0.15, 0.85), (0.62, 0.45), -0.35)],
            }
        ],
    },
    {
        "id": "glute-bridge",
        "view": "side",
        "alt": "A person lying on their back, seen from the side. Faded: the start, knees bent, feet flat and arms by the sides. Solid: the hips lifted until shoulders, hips and knees are in one line. An arrow points up under the hips; the buttocks are highlighted and labelled.",
        "panels": [
            {
                "label": "Start (faded), then lift the hips",
                "start": rnd(SUP),
                "joints": rnd(BRIDGE),
                "muscles": [muscle(GM, "buttock", [-0.95, 0.75])],
                "arrows": [arrow((0.12, 0.16), (0.12, 0.4))],
            }
        ],
    },
    {
        "id": "clamshell",
        "view": "side-lying",
        "elevation": 30,
        "alt": "A person lying on their side, seen from the front and above, head resting on the lower arm, hips and knees bent with the feet together. Faded: the knees together. Solid: the top knee lifted like a shell opening while the feet stay together. A curved arrow shows the knee opening; the side of the top hip is highlighted and labelled.",
        "panels": [
            {
                "label": "Knees together (faded), then open the top knee",
                "start": rnd(CLAM_START),
                "joints": rnd(CLAM_HOLD),
                "muscles": [muscle(GMED, "hip-side", [-1.05, 0.62])],
                "arrows": [],
            }
        ],
    },
    {
        "id": "side-lying-hip-abduction",
        "view": "side-lying",
        "elevation": 10,
        "alt": "A person lying on their side, seen from the front, head resting on the lower arm and the bottom knee bent. Faded: the top leg straight and resting in line with the body. Solid: the top leg lifted straight to about 30 degrees, toes pointing forward. A curved arrow shows the lift; the side of the top hip is highlighted and labelled.",
        "panels": [
            {
                "label": "Leg resting (faded), then lift it",
                "start": rnd(ABD_START),
                "joints": rnd(ABD_HOLD),
                "muscles": [muscle(GMED, "hip-side", [-0.9, 0.75])],
                "arrows": [],
            }
        ],
    },
    {
        "id": "squat",
        "view": "side",
        "alt": "A person in front of a chair, seen from the side, arms reaching forward. Faded: standing tall. Solid: hips pushed back and knees bent, about to touch the seat, chest up. A curved arrow shows the hips moving back and down; the buttocks and the front of the thighs are highlighted and labelled.",
        "props": [CHAIR],
        "panels": [
            {
                "label": "Stand (faded), lower to touch the seat, stand up",
                "start": rnd(SQ_STAND),
                "joints": rnd(SQ_HOLD),
                "muscles": [
                    muscle(GM, "buttock", [-0.85, 1.55]),
                    muscle("quadriceps", "thigh-front", [0.35, 1.25]),
                ],
                "arrows": [arrow((-0.12, 0.98), (-0.38, 0.72), 0.3)],
            }
        ],
    },
    {
        "id": "foam-rolling",
        "view": "side",
        "elevation": 15,
        "alt": "A person sitting on a foam roller placed under one buttock, seen from the side, leaning back on the hands, with that leg's ankle crossed over the other bent knee. A two-way arrow under the roller shows rolling a few centimetres back and forth; the buttock on the roller is highlighted and labelled.",
        "panels": [
            {
                "label": "Roll slowly, a few centimetres",
                "joints": rnd(FR),
                "props": [{"kind": "roller", "center": [0.0, ROLLER_R], "radius": ROLLER_R}],
                "muscles": [muscle(GM, "buttock", [0.35, 0.95])],
                "arrows": [arrow((-0.22, -0.08), (0.22, -0.08), 0, True)],
            }
        ],
    },
]


def clam_arrows():
    # the arrow follows the knee from its start to its end position
    for p in poses:
        if p["id"] == "clamshell":
            a, b = CLAM_START["knee"], CLAM_HOLD["knee"]
            p["panels"][0]["arrows"] = [arrow(add(a, (0.06, 0.02, 0)), add(b, (0.06, 0.04, 0)), -0.35)]
        if p["id"] == "side-lying-hip-abduction":
            a, b = ABD_START["ankle"], ABD_HOLD["ankle"]
            p["panels"][0]["arrows"] = [arrow(add(a, (0.05, 0.08, 0)), add(b, (0.08, -0.02, 0)), 0.25)]


clam_arrows()
out = {
    "note": "Poses for the exercise illustrations, computed with scripts/make_exercises_poses.py. Joints in metres for an adult about 1.7 m tall: x along the floor (side views face right), y up with the floor at 0, and an optional z towards the viewer (near limbs at +z; side-lying figures are seen from the front). Keys ending _f are the far limb (drawn lighter). A panel's start joints are drawn faded behind its end position; a pose's elevation tilts the camera down by that many degrees. Muscle label positions are in drawing coordinates.",
    "lengths": L,
    "poses": poses,
}
(Path(__file__).resolve().parents[1] / "data" / "exercises-poses.json").write_text(
    json.dumps(out, indent=1, ensure_ascii=False) + "\n"
)
print("wrote data/exercises-poses.json")
