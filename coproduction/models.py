"""Django looks for one models module per app: this one imports the models of every part of
the plugin (each in `coproduction/<part>/models.py`), in the order CoproductionConfig lists
them. Import a model from its part: `from coproduction.spaces.models import CoproductionSpace`."""

from cms.parts import load_parts

from .apps import CoproductionConfig

load_parts("coproduction", CoproductionConfig.parts, "models")
