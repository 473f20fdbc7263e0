"""The running example of the book: three images, three classes, one linear classifier's scores.

The numbers are the CS231n Lecture 3 example ("Loss functions and optimization"). The lecture's slide shows
images as columns; here the layout is the one code uses, one row per image: ``SCORES[i, j]`` is the score of
class ``CLASSES[j]`` for image ``i``, and ``LABELS[i]`` is the index of image ``i``'s true class.

Every notebook of the book takes the example from this module; none types these numbers.

>>> SCORES.shape
(3, 3)
>>> [CLASSES[y] for y in LABELS]
['cat', 'car', 'frog']
"""

from __future__ import annotations

import numpy as np

__all__ = ["CLASSES", "IMAGES", "LABELS", "SCORES", "predicted_labels"]

#: Class names, in the order of the score columns.
CLASSES: tuple[str, ...] = ("cat", "car", "frog")

#: One name per image, in the order of the score rows.
IMAGES: tuple[str, ...] = ("cat image", "car image", "frog image")

#: Scores of shape (3 images, 3 classes); row i is image i, column j is class j.
SCORES: np.ndarray = np.array(
    [
        [3.2, 5.1, -1.7],  # cat image
        [1.3, 4.9, 2.0],  # car image
        [2.2, 2.5, -3.1],  # frog image
    ]
)
SCORES.setflags(write=False)

#: The true class index of each image (the cat image is a cat, the car image a car, the frog image a frog).
LABELS: np.ndarray = np.array([0, 1, 2])
LABELS.setflags(write=False)


def predicted_labels(scores: np.ndarray = SCORES) -> np.ndarray:
    """Return the class each image is predicted as: the index of its highest score.

    Args:
        scores: array of shape (N, C), one row of class scores per example.

    Returns:
        Integer array of shape (N,).

    >>> [CLASSES[k] for k in predicted_labels()]
    ['car', 'car', 'car']
    """
    scores = np.asarray(scores)
    if scores.ndim != 2:
        raise ValueError(
            f"scores must have shape (N, C), got an array of shape {scores.shape}; "
            "pass one row of class scores per example"
        )
    return np.argmax(scores, axis=1)
