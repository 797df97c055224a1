"""Authoring aid: compute stick-figure joint coordinates with forward kinematics and write
data/exercises-poses.json. Units: metres for a ~1.7 m adult; floor at y = 0; side views face right."""

import json
import math
from pathlib import Path

L = {"torso": 0.55, "neck_head": 0.17, "upper_arm": 0.31, "forearm": 0.29, "thigh": 0.45, "shin": 0.44, "foot": 0.17}


def pt(p, ang, length):
    a = math.radians(ang)
    return [round(p[0] + length * math.cos(a), 3), round(p[1] + length * math.sin(a), 3)]


def ik(a, b, l1, l2, bend=1):
    """Middle joint of a two-link chain from a to b (bend=+1/-1 picks the side)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    d = math.hypot(dx, dy)
    d = min(d, l1 + l2 - 1e-6)
    x = (d * d + l1 * l1 - l2 * l2) / (2 * d)
    h = math.sqrt(max(l1 * l1 - x * x, 0))
    ux, uy = dx / d, dy / d
    return [round(a[0] + ux * x - bend * uy * h, 3), round(a[1] + uy * x + bend * ux * h, 3)]


def body(hip, torso, head, arm=None, arm_f=None, leg=None, leg_f=None, wrist=None, wrist_f=None, ebend=1, ebend_f=1):
    j = {"hip": [round(hip[0], 3), round(hip[1], 3)]}
    j["neck"] = pt(hip, torso, L["torso"])
    j["head"] = pt(j["neck"], head, L["neck_head"])
    for suffix, a, w, eb in (("", arm, wrist, ebend), ("_f", arm_f, wrist_f, ebend_f)):
        if w is not None:
            j["wrist" + suffix] = [round(w[0], 3), round(w[1], 3)]
            j["elbow" + suffix] = ik(j["neck"], w, L["upper_arm"], L["forearm"], eb)
        elif a is not None:
            j["elbow" + suffix] = pt(j["neck"], a[0], L["upper_arm"])
            j["wrist" + suffix] = pt(j["elbow" + suffix], a[1], L["forearm"])
    for suffix, lg in (("", leg), ("_f", leg_f)):
        if lg is not None:
            j["knee" + suffix] = pt(hip, lg[0], L["thigh"])
            j["ankle" + suffix] = pt(j["knee" + suffix], lg[1], L["shin"])
            j["toe" + suffix] = pt(j["ankle" + suffix], lg[2], L["foot"])
    return j


def legs_to_floor(hip, thigh_ang, ankle_y=0.07):
    knee = pt(hip, thigh_ang, L["thigh"])
    dy = ankle_y - knee[1]
    dx = math.sqrt(L["shin"] ** 2 - dy**2)
    return thigh_ang, math.degrees(math.atan2(dy, dx))


# --- supine, knees bent (pelvic tilt, start of bridge and knee-to-chest)
SUP_HIP = (0.0, 0.1)
th, sh = legs_to_floor(SUP_HIP, 55)
supine = body(SUP_HIP, 180, 180, arm=(-9, 0), leg=(th, sh, -12))


# --- quadruped (cat-camel)
def quad(head_ang):
    return body((0.0, 0.5), 10.5, head_ang, wrist=(0.56, 0.01), leg=(-90, 180, 180), ebend=1)


# --- standing
stand = body((0.0, 0.94), 90, 90, wrist=(-0.02, 1.0), ebend=-1, leg=(-90, -90, -8))
walk = body((0.0, 0.92), 86, 84, arm=(-112, -95), arm_f=(-65, -40), leg=(-72, -96, 15), leg_f=(-108, -125, -35))

# --- knee to chest hold
k2c = body(SUP_HIP, 180, 180, wrist=(-0.2, 0.47), ebend=-1, leg=(125, -15, 70), leg_f=(th, sh, -12))


# --- figure four: near leg crossed (knee out towards the viewer, so foreshortened)
def foreshort(a, b_ang, length, f):
    return pt(a, b_ang, length * f)


ff_start = body(SUP_HIP, 180, 180, arm=(-9, 0), leg_f=(th, sh, -12))
ff_start["knee"] = [0.12, 0.33]
ff_start["ankle"] = [ff_start["knee_f"][0] + 0.03, ff_start["knee_f"][1] + 0.05]
ff_start["toe"] = [ff_start["ankle"][0] + 0.15, ff_start["ankle"][1] + 0.02]
ff_hold = body(SUP_HIP, 180, 180, wrist=(-0.09, 0.42), ebend=-1, leg_f=(105, 0, 70))
ff_hold["knee"] = [0.2, 0.3]
ff_hold["ankle"] = [ff_hold["knee_f"][0] + 0.03, ff_hold["knee_f"][1] - 0.04]
ff_hold["toe"] = [ff_hold["ankle"][0] - 0.15, ff_hold["ankle"][1] + 0.0]

# --- seated forward bend
sfb_start = body((0.0, 0.12), 90, 90, wrist=(0.32, 0.17), ebend=-1, leg=(-2, -2, 80))
sfb_hold = body((0.0, 0.12), 38, -15, wrist=(0.78, 0.15), ebend=-1, leg=(-2, -2, 80))


# --- pigeon
def pigeon(torso, head, wrist, eb):
    j = body((0.0, 0.15), torso, head, wrist=wrist, ebend=eb, leg_f=(-162, 180, 180))
    j["knee"] = [0.37, 0.06]
    j["ankle"] = [0.1, 0.06]
    j["toe"] = [0.0, 0.04]
    return j


pig_start = pigeon(70, 75, (0.36, 0.06), -1)
pig_hold = pigeon(22, 5, (0.78, 0.04), 1)

# --- bridge hold: neck and feet fixed, hips up so shoulder-hip-knee are in line
neck0 = supine["neck"]
ankle0 = supine["ankle"]
best = None
for i in range(0, 9000):
    a = i / 100.0 * 0.01  # 0..0.9 rad
    knee = [neck0[0] + 1.0 * math.cos(a), neck0[1] + 1.0 * math.sin(a)]
    err = abs(math.hypot(knee[0] - ankle0[0], knee[1] - ankle0[1]) - L["shin"])
    if knee[0] < ankle0[0] + 0.05 and (best is None or err < best[0]):
        best = (err, a)
a = best[1]
hip_b = pt(neck0, math.degrees(a), L["torso"])
bridge = {"hip": hip_b, "neck": neck0, "head": supine["head"]}
bridge["knee"] = pt(neck0, math.degrees(a), L["torso"] + L["thigh"])
bridge["ankle"] = ankle0
bridge["toe"] = supine["toe"]
bridge["elbow"] = pt(neck0, -4, L["upper_arm"])
bridge["wrist"] = pt(bridge["elbow"], 0, L["forearm"])


# --- side-lying, seen from the front (hip = top hip, hip_f = bottom hip)
def side_lying(top_knee, top_ankle, top_toe, bottom_bent=True):
    j = {
        "neck": [-0.55, 0.18],
        "head": [-0.72, 0.2],
        "hip": [0.0, 0.27],
        "hip_f": [0.0, 0.09],
        "elbow_f": [-0.82, 0.05],
        "wrist_f": [-1.08, 0.05],
        "elbow": [-0.27, 0.25],
        "wrist": [-0.02, 0.3],
    }
    j["knee_f"] = [0.31, 0.05] if bottom_bent else [0.45, 0.06]
    j["ankle_f"] = [0.6, 0.06] if bottom_bent else [0.89, 0.05]
    j["toe_f"] = [0.64, 0.15] if bottom_bent else [0.93, 0.15]
    j["knee"], j["ankle"], j["toe"] = top_knee, top_ankle, top_toe
    return j


clam_start = side_lying([0.31, 0.22], [0.6, 0.13], [0.64, 0.22])
clam_hold = side_lying([0.27, 0.44], [0.6, 0.14], [0.64, 0.23])
abd_start = side_lying([0.44, 0.2], [0.87, 0.12], [0.92, 0.2])
abd_hold = side_lying(pt([0, 0.27], 32, 0.45), pt([0, 0.27], 32, 0.89), None)
abd_hold["toe"] = [abd_hold["ankle"][0] + 0.07, abd_hold["ankle"][1] + 0.02]

# --- squat
sq_stand = body((0.0, 0.94), 90, 90, arm=(-5, 0), leg=(-90, -90, -8))
ankle = sq_stand["ankle"]
knee_sq = pt(ankle, 62, L["shin"])
hip_sq = pt(knee_sq, 172, L["thigh"])
sq_hold = body(hip_sq, 58, 62, arm=(5, 5))
sq_hold.update({"knee": knee_sq, "ankle": ankle, "toe": sq_stand["toe"]})
chair = {"kind": "chair", "seat": [-0.62, -0.22], "seat_y": 0.46, "back_top": 0.95}

# --- foam rolling
fr = body((0.0, 0.22), 127, 100, wrist=(-0.43, 0.06), ebend=-1, leg_f=(40, 0, 0))
k = fr["knee_f"]
dy = 0.07 - k[1]
dx = math.sqrt(L["shin"] ** 2 - dy**2)
fr["ankle_f"] = [round(k[0] + dx, 3), 0.07]
fr["toe_f"] = pt(fr["ankle_f"], -12, L["foot"])
fr["knee"] = [0.17, 0.32]
fr["ankle"] = [k[0] - 0.02, k[1] + 0.05]
fr["toe"] = [k[0] + 0.13, k[1] + 0.07]

G = "gluteus maximus"
poses = [
    {
        "id": "pelvic-tilt",
        "view": "side",
        "alt": "Stick figure lying on its back, knees bent and feet flat on the floor, arms by the sides. A curved two-way arrow at the pelvis shows it rocking gently to flatten and then slightly arch the low back; the low back is highlighted.",
        "panels": [
            {
                "label": "Rock the pelvis",
                "joints": supine,
                "muscle": {
                    "center": [-0.12, 0.13],
                    "size": [0.3, 0.11],
                    "angle": 0,
                    "label": "low back",
                    "label_at": [-0.5, 0.62],
                },
                "arrows": [{"from": [0.1, 0.33], "to": [-0.18, 0.33], "curve": 0.5, "both": True}],
            }
        ],
    },
    {
        "id": "cat-camel",
        "view": "side",
        "alt": "Two panels of a stick figure on hands and knees. Cat: the back is rounded up towards the ceiling and the head drops, with an arrow pointing up. Camel: the back sags slightly and the head lifts, with an arrow pointing down. The back is highlighted.",
        "panels": [
            {
                "label": "Cat: round up",
                "joints": quad(-55),
                "spine_curve": 0.09,
                "muscle": {
                    "center": [0.2, 0.6],
                    "size": [0.32, 0.1],
                    "angle": 10,
                    "label": "spine",
                    "label_at": [-0.35, 0.95],
                },
                "arrows": [{"from": [0.3, 0.72], "to": [0.3, 0.9], "curve": 0}],
            },
            {
                "label": "Camel: let it sag",
                "joints": quad(25),
                "spine_curve": -0.05,
                "muscle": {
                    "center": [0.25, 0.52],
                    "size": [0.32, 0.1],
                    "angle": 10,
                    "label": "spine",
                    "label_at": [-0.35, 0.95],
                },
                "arrows": [{"from": [0.3, 0.88], "to": [0.3, 0.7], "curve": 0}],
            },
        ],
    },
    {
        "id": "hip-circles",
        "view": "side",
        "alt": "Stick figure standing with feet apart, knees soft and hands on hips. An oval arrow around the hips shows them drawing slow circles; the hips are highlighted.",
        "panels": [
            {
                "label": "Circle the hips",
                "joints": stand,
                "muscle": {
                    "center": [0.0, 0.92],
                    "size": [0.22, 0.16],
                    "angle": 0,
                    "label": "hips",
                    "label_at": [0.3, 1.45],
                },
                "loops": [{"center": [0.0, 0.9], "size": [0.55, 0.2]}],
            }
        ],
    },
    {
        "id": "walking",
        "view": "side",
        "alt": "Stick figure walking to the right in mid-stride, one leg forward with the heel landing and the other pushing off behind, arms swinging in opposition. An arrow points forward; the buttock area is highlighted.",
        "panels": [
            {
                "label": "Walk at an easy pace",
                "joints": walk,
                "muscle": {
                    "center": [-0.06, 0.88],
                    "size": [0.14, 0.2],
                    "angle": 0,
                    "label": "glutes",
                    "label_at": [-0.6, 1.25],
                },
                "arrows": [{"from": [0.2, 1.45], "to": [0.6, 1.45], "curve": 0}],
            }
        ],
    },
    {
        "id": "knee-to-chest",
        "view": "side",
        "alt": "Two panels of a stick figure lying on its back. Start: both knees bent, feet flat. Hold: both hands draw one knee towards the chest while the other foot stays on the floor; a curved arrow shows the knee's path and the buttock of the lifted leg is highlighted.",
        "panels": [
            {"label": "Start", "joints": supine},
            {
                "label": "Hold",
                "joints": k2c,
                "muscle": {
                    "center": [0.03, 0.13],
                    "size": [0.18, 0.12],
                    "angle": 0,
                    "label": "buttock, low back",
                    "label_at": [-0.95, 0.72],
                },
                "arrows": [{"from": [0.35, 0.62], "to": [-0.1, 0.72], "curve": 0.3}],
            },
        ],
    },
    {
        "id": "figure-four",
        "view": "side",
        "alt": "Two panels of a stick figure lying on its back. Start: one ankle rests across the opposite bent knee, the crossed knee turned out to the side. Hold: the hands draw the supporting thigh towards the chest; an arrow shows the movement and the buttock of the crossed leg is highlighted.",
        "panels": [
            {"label": "Start", "joints": ff_start},
            {
                "label": "Hold",
                "joints": ff_hold,
                "muscle": {
                    "center": [0.04, 0.14],
                    "size": [0.18, 0.12],
                    "angle": 0,
                    "label": "crossed leg's buttock",
                    "label_at": [-0.95, 0.72],
                },
                "arrows": [{"from": [0.4, 0.72], "to": [0.05, 0.8], "curve": 0.3}],
            },
        ],
    },
    {
        "id": "seated-forward-bend",
        "view": "side",
        "alt": "Two panels of a stick figure sitting on the floor with legs straight. Start: sitting tall, hands on thighs. Hold: hinging forward from the hips, hands sliding towards the shins, back relaxed; a curved arrow shows the forward bend and the backs of the thighs and buttocks are highlighted.",
        "panels": [
            {"label": "Start: sit tall", "joints": sfb_start},
            {
                "label": "Hold",
                "joints": sfb_hold,
                "spine_curve": 0.05,
                "muscle": {
                    "center": [0.25, 0.115],
                    "size": [0.5, 0.09],
                    "angle": -1,
                    "label": "hamstrings, " + G,
                    "label_at": [-0.05, 0.85],
                },
                "arrows": [{"from": [0.05, 0.8], "to": [0.55, 0.62], "curve": -0.35}],
            },
        ],
    },
    {
        "id": "pigeon-pose",
        "view": "side",
        "alt": "Two panels of a stick figure in pigeon pose: the front leg bent on the floor with its shin across the body, the back leg straight behind. Start: upright, hands on the floor. Hold: folded forward onto the forearms; an arrow shows the fold and the buttock of the front leg is highlighted.",
        "panels": [
            {"label": "Start", "joints": pig_start},
            {
                "label": "Hold (stronger)",
                "joints": pig_hold,
                "muscle": {
                    "center": [0.05, 0.15],
                    "size": [0.2, 0.12],
                    "angle": 0,
                    "label": "front leg's buttock",
                    "label_at": [-0.9, 0.8],
                },
                "arrows": [{"from": [0.3, 0.85], "to": [0.75, 0.55], "curve": -0.35}],
            },
        ],
    },
    {
        "id": "glute-bridge",
        "view": "side",
        "alt": "Two panels of a stick figure lying on its back. Start: knees bent, feet flat, arms by the sides. Hold: the hips are lifted so shoulders, hips and knees form a straight line; an arrow points up at the hips and the buttocks are highlighted.",
        "panels": [
            {"label": "Start", "joints": supine},
            {
                "label": "Hold",
                "joints": bridge,
                "muscle": {
                    "center": [round(hip_b[0] + 0.02, 3), round(hip_b[1] - 0.06, 3)],
                    "size": [0.2, 0.12],
                    "angle": 20,
                    "label": G,
                    "label_at": [-0.75, 0.85],
                },
                "arrows": [
                    {
                        "from": [round(hip_b[0], 3), round(hip_b[1] + 0.1, 3)],
                        "to": [round(hip_b[0], 3), round(hip_b[1] + 0.32, 3)],
                        "curve": 0,
                    }
                ],
            },
        ],
    },
    {
        "id": "clamshell",
        "view": "front",
        "alt": "Two panels of a stick figure lying on its side, seen from the front, head resting on the lower arm, hips and knees bent with feet together. Start: knees together. Hold: the top knee lifts like a shell opening while the feet stay together; an arrow shows the lift and the side of the top hip is highlighted.",
        "panels": [
            {"label": "Start", "joints": clam_start},
            {
                "label": "Hold",
                "joints": clam_hold,
                "muscle": {
                    "center": [0.02, 0.31],
                    "size": [0.16, 0.12],
                    "angle": 0,
                    "label": "gluteus medius",
                    "label_at": [-0.85, 0.7],
                },
                "arrows": [{"from": [0.4, 0.27], "to": [0.36, 0.52], "curve": 0.3}],
            },
        ],
    },
    {
        "id": "side-lying-hip-abduction",
        "view": "front",
        "alt": "Two panels of a stick figure lying on its side, seen from the front, head resting on the lower arm and the bottom knee bent. Start: top leg straight and resting. Hold: the top leg is lifted straight to about 30 degrees; an arrow shows the lift and the side of the top hip is highlighted.",
        "panels": [
            {"label": "Start", "joints": abd_start},
            {
                "label": "Hold",
                "joints": abd_hold,
                "muscle": {
                    "center": [0.02, 0.31],
                    "size": [0.16, 0.12],
                    "angle": 0,
                    "label": "gluteus medius",
                    "label_at": [-0.85, 0.7],
                },
                "arrows": [{"from": [0.85, 0.22], "to": [0.72, 0.62], "curve": 0.25}],
            },
        ],
    },
    {
        "id": "squat",
        "view": "side",
        "alt": "Two panels of a stick figure in front of a chair, arms reaching forward. Start: standing tall. Hold: hips pushed back and knees bent, about to touch the seat, chest up; a curved arrow shows the hips moving back and down and the buttocks and thighs are highlighted.",
        "props": [chair],
        "panels": [
            {"label": "Start", "joints": sq_stand},
            {
                "label": "Lower, touch, stand",
                "joints": sq_hold,
                "muscle": {
                    "center": [round(hip_sq[0] - 0.02, 3), round(hip_sq[1] + 0.0, 3)],
                    "size": [0.16, 0.2],
                    "angle": 0,
                    "label": G + ", thighs",
                    "label_at": [-0.2, 1.4],
                },
                "arrows": [{"from": [-0.1, 0.95], "to": [-0.35, 0.7], "curve": 0.3}],
            },
        ],
    },
    {
        "id": "foam-rolling",
        "view": "side",
        "alt": "Stick figure sitting on a foam roller placed under one buttock, leaning back on the hands, that leg's ankle crossed over the other bent knee. A two-way arrow shows rolling a short way back and forth; the buttock on the roller is highlighted.",
        "panels": [
            {
                "label": "Roll slowly",
                "joints": fr,
                "props": [{"kind": "roller", "center": [0.0, 0.075], "radius": 0.075}],
                "muscle": {"center": [0.02, 0.2], "size": [0.2, 0.1], "angle": 0, "label": G, "label_at": [0.25, 0.9]},
                "arrows": [{"from": [-0.22, -0.06], "to": [0.22, -0.06], "curve": 0, "both": True}],
            }
        ],
    },
]
out = {
    "note": "Original stick-figure poses for the exercise illustrations. Coordinates in metres for an adult about 1.7 m tall, floor at y = 0. Side views face right; front views show a person lying on their side, seen from the front. Keys ending _f are the far limb (drawn lighter).",
    "lengths": L,
    "poses": poses,
}
(Path(__file__).resolve().parents[1] / "data" / "exercises-poses.json").write_text(
    json.dumps(out, indent=1, ensure_ascii=False) + "\n"
)
print("ok")
